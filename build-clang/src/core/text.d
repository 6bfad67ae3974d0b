build-clang/src/core/text.o: src/core/text.c src/core/buf.h \
  src/core/error.h src/core/text.h

src/core/buf.h:

src/core/error.h:

src/core/text.h:
