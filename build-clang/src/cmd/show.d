build-clang/src/cmd/show.o: src/cmd/show.c src/core/buf.h src/cli/cli.h \
  src/core/error.h src/core/path.h src/core/file.h src/formats/gpo.h \
  src/core/patch.h src/core/value.h src/formats/json.h src/core/limits.h \
  src/formats/polfile.h src/formats/poltext.h src/formats/source.h \
  src/core/tree.h src/core/view.h

src/core/buf.h:

src/cli/cli.h:

src/core/error.h:

src/core/path.h:

src/core/file.h:

src/formats/gpo.h:

src/core/patch.h:

src/core/value.h:

src/formats/json.h:

src/core/limits.h:

src/formats/polfile.h:

src/formats/poltext.h:

src/formats/source.h:

src/core/tree.h:

src/core/view.h:
