build-clang/src/cmd/bundle.o: src/cmd/bundle.c src/core/buf.h \
  src/policy/bundle.h src/core/patch.h src/core/path.h src/core/value.h \
  src/policy/policy.h src/cli/cli.h src/core/error.h

src/core/buf.h:

src/policy/bundle.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/policy/policy.h:

src/cli/cli.h:

src/core/error.h:
