build-clang/src/policy/check.o: src/policy/check.c src/core/buf.h \
  src/policy/check.h src/core/patch.h src/core/path.h src/core/value.h \
  src/policy/policy.h src/core/view.h src/core/error.h

src/core/buf.h:

src/policy/check.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/policy/policy.h:

src/core/view.h:

src/core/error.h:
