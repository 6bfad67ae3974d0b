build-clang/src/formats/polfile.o: src/formats/polfile.c src/core/buf.h \
  src/core/error.h src/core/limits.h src/formats/polfile.h \
  src/core/patch.h src/core/path.h src/core/value.h src/core/text.h

src/core/buf.h:

src/core/error.h:

src/core/limits.h:

src/formats/polfile.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/core/text.h:
