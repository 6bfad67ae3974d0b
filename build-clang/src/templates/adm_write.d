build-clang/src/templates/adm_write.o: src/templates/adm_write.c \
  src/templates/adm.h src/core/buf.h src/core/error.h \
  src/templates/template.h src/core/path.h

src/templates/adm.h:

src/core/buf.h:

src/core/error.h:

src/templates/template.h:

src/core/path.h:
