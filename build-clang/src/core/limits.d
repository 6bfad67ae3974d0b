build-clang/src/core/limits.o: src/core/limits.c src/core/error.h \
  src/core/limits.h

src/core/error.h:

src/core/limits.h:
