build-clang/src/cmd/import.o: src/cmd/import.c src/core/buf.h \
  src/cli/cli.h src/core/error.h src/core/path.h src/formats/hive.h \
  src/core/patch.h src/core/value.h src/core/view.h \
  src/formats/polfile.h src/formats/source.h src/core/tree.h

src/core/buf.h:

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

src/formats/hive.h:

src/core/patch.h:

src/core/value.h:

src/core/view.h:

src/formats/polfile.h:

src/formats/source.h:

src/core/tree.h:
