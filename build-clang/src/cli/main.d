build-clang/src/cli/main.o: src/cli/main.c src/cli/cli.h src/core/error.h \
  src/core/path.h build/gen/cmds.h

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

build/gen/cmds.h:
