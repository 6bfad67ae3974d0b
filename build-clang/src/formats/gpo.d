build-clang/src/formats/gpo.o: src/formats/gpo.c src/core/buf.h \
  src/core/error.h src/core/file.h src/formats/gpo.h src/core/patch.h \
  src/core/path.h src/core/value.h src/core/limits.h \
  src/formats/polfile.h

src/core/buf.h:

src/core/error.h:

src/core/file.h:

src/formats/gpo.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/core/limits.h:

src/formats/polfile.h:
