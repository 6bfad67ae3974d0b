build-clang/src/core/hook.o: src/core/hook.c src/core/hook.h

src/core/hook.h:
