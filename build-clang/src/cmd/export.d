build-clang/src/cmd/export.o: src/cmd/export.c src/core/buf.h \
  src/cli/cli.h src/core/error.h src/core/path.h src/formats/hive.h \
  src/core/patch.h src/core/value.h src/core/view.h src/core/file.h \
  src/core/outfile.h src/formats/polfile.h src/formats/regfile.h

src/core/buf.h:

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

src/formats/hive.h:

src/core/patch.h:

src/core/value.h:

src/core/view.h:

src/core/file.h:

src/core/outfile.h:

src/formats/polfile.h:

src/formats/regfile.h:
