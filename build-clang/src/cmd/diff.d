build-clang/src/cmd/diff.o: src/cmd/diff.c src/core/buf.h src/cli/cli.h \
  src/core/error.h src/core/path.h src/core/diff.h src/core/patch.h \
  src/core/value.h src/core/view.h src/core/file.h src/formats/json.h \
  src/formats/polfile.h src/formats/regfile.h src/formats/source.h \
  src/core/tree.h

src/core/buf.h:

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

src/core/diff.h:

src/core/patch.h:

src/core/value.h:

src/core/view.h:

src/core/file.h:

src/formats/json.h:

src/formats/polfile.h:

src/formats/regfile.h:

src/formats/source.h:

src/core/tree.h:
