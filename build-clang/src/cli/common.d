build-clang/src/cli/common.o: src/cli/common.c src/core/buf.h \
  src/cli/cli.h src/core/error.h src/core/path.h src/formats/hive.h \
  src/core/patch.h src/core/value.h src/core/view.h src/formats/source.h \
  src/core/tree.h

src/core/buf.h:

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

src/formats/hive.h:

src/core/patch.h:

src/core/value.h:

src/core/view.h:

src/formats/source.h:

src/core/tree.h:
