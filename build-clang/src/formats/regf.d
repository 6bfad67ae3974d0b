build-clang/src/formats/regf.o: src/formats/regf.c src/core/buf.h \
  src/core/error.h src/formats/regf.h src/core/text.h

src/core/buf.h:

src/core/error.h:

src/formats/regf.h:

src/core/text.h:
