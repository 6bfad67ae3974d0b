build-clang/src/cmd/policy.o: src/cmd/policy.c src/core/buf.h \
  src/cli/cli.h src/core/error.h src/core/path.h src/policy/policy.h \
  src/core/value.h

src/core/buf.h:

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

src/policy/policy.h:

src/core/value.h:
