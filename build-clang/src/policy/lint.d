build-clang/src/policy/lint.o: src/policy/lint.c src/core/buf.h \
  src/policy/policy.h src/core/path.h src/core/value.h src/core/text.h

src/core/buf.h:

src/policy/policy.h:

src/core/path.h:

src/core/value.h:

src/core/text.h:
