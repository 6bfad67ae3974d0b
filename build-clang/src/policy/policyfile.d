build-clang/src/policy/policyfile.o: src/policy/policyfile.c \
  src/core/limits.h src/core/buf.h src/core/error.h src/core/file.h \
  src/core/patch.h src/core/path.h src/core/value.h src/policy/policy.h \
  src/templates/template.h src/core/text.h

src/core/limits.h:

src/core/buf.h:

src/core/error.h:

src/core/file.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/policy/policy.h:

src/templates/template.h:

src/core/text.h:
