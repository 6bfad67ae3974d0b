build-clang/src/cmd/convert.o: src/cmd/convert.c src/core/buf.h \
  src/cli/cli.h src/core/error.h src/core/path.h src/core/file.h \
  src/formats/gpo.h src/core/patch.h src/core/value.h src/core/limits.h \
  src/formats/polfile.h src/formats/regfile.h src/core/view.h \
  src/formats/source.h src/core/tree.h

src/core/buf.h:

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

src/core/file.h:

src/formats/gpo.h:

src/core/patch.h:

src/core/value.h:

src/core/limits.h:

src/formats/polfile.h:

src/formats/regfile.h:

src/core/view.h:

src/formats/source.h:

src/core/tree.h:
