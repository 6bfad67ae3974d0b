build-clang/src/cmd/rm.o: src/cmd/rm.c src/cli/cli.h src/core/error.h \
  src/core/path.h src/formats/hive.h src/core/patch.h src/core/value.h \
  src/core/view.h

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

src/formats/hive.h:

src/core/patch.h:

src/core/value.h:

src/core/view.h:
