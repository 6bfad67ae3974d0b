build-clang/src/core/path.o: src/core/path.c src/core/buf.h \
  src/core/error.h src/core/path.h src/core/text.h

src/core/buf.h:

src/core/error.h:

src/core/path.h:

src/core/text.h:
