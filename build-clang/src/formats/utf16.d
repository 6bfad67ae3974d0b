build-clang/src/formats/utf16.o: src/formats/utf16.c src/core/buf.h \
  src/formats/utf16.h

src/core/buf.h:

src/formats/utf16.h:
