build-clang/src/core/value.o: src/core/value.c src/core/buf.h \
  src/core/error.h src/core/text.h src/core/value.h

src/core/buf.h:

src/core/error.h:

src/core/text.h:

src/core/value.h:
