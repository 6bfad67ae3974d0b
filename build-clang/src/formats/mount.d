build-clang/src/formats/mount.o: src/formats/mount.c src/core/error.h \
  src/formats/mount.h src/core/path.h

src/core/error.h:

src/formats/mount.h:

src/core/path.h:
