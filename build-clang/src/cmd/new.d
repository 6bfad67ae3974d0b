build-clang/src/cmd/new.o: src/cmd/new.c src/cli/cli.h src/core/error.h \
  src/core/path.h src/formats/hive.h src/core/patch.h src/core/value.h \
  src/core/view.h

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

src/formats/hive.h:

src/core/patch.h:

src/core/value.h:

src/core/view.h:
