build-clang/src/formats/regf_compact.o: src/formats/regf_compact.c \
  src/core/buf.h src/core/error.h src/core/limits.h src/formats/regf.h

src/core/buf.h:

src/core/error.h:

src/core/limits.h:

src/formats/regf.h:
