build-clang/src/formats/polexport.o: src/formats/polexport.c \
  src/core/buf.h src/core/error.h src/formats/polfile.h src/core/patch.h \
  src/core/path.h src/core/value.h src/core/view.h

src/core/buf.h:

src/core/error.h:

src/formats/polfile.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/core/view.h:
