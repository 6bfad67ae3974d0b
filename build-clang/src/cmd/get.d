build-clang/src/cmd/get.o: src/cmd/get.c src/core/buf.h src/cli/cli.h \
  src/core/error.h src/core/path.h src/formats/hive.h src/core/patch.h \
  src/core/value.h src/core/view.h src/formats/json.h src/core/text.h

src/core/buf.h:

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

src/formats/hive.h:

src/core/patch.h:

src/core/value.h:

src/core/view.h:

src/formats/json.h:

src/core/text.h:
