build-clang/src/core/file.o: src/core/file.c src/core/buf.h \
  src/core/error.h src/core/file.h src/core/hook.h

src/core/buf.h:

src/core/error.h:

src/core/file.h:

src/core/hook.h:
