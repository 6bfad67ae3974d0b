build-clang/src/core/outfile.o: src/core/outfile.c src/core/buf.h \
  src/core/error.h src/core/file.h src/core/outfile.h

src/core/buf.h:

src/core/error.h:

src/core/file.h:

src/core/outfile.h:
