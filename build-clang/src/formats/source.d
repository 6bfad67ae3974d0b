build-clang/src/formats/source.o: src/formats/source.c src/core/buf.h \
  src/core/error.h src/core/file.h src/formats/gpo.h src/core/patch.h \
  src/core/path.h src/core/value.h src/formats/hive.h src/core/view.h \
  src/core/limits.h src/formats/polfile.h src/formats/regfile.h \
  src/formats/source.h src/core/tree.h

src/core/buf.h:

src/core/error.h:

src/core/file.h:

src/formats/gpo.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/formats/hive.h:

src/core/view.h:

src/core/limits.h:

src/formats/polfile.h:

src/formats/regfile.h:

src/formats/source.h:

src/core/tree.h:
