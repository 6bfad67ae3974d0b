build-clang/src/cmd/set.o: src/cmd/set.c src/core/buf.h src/cli/cli.h \
  src/core/error.h src/core/path.h src/formats/hive.h src/core/patch.h \
  src/core/value.h src/core/view.h src/core/text.h

src/core/buf.h:

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

src/formats/hive.h:

src/core/patch.h:

src/core/value.h:

src/core/view.h:

src/core/text.h:
