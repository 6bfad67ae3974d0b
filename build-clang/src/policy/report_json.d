build-clang/src/policy/report_json.o: src/policy/report_json.c \
  src/core/buf.h src/core/error.h src/policy/report.h src/policy/check.h \
  src/core/patch.h src/core/path.h src/core/value.h src/policy/policy.h \
  src/core/view.h

src/core/buf.h:

src/core/error.h:

src/policy/report.h:

src/policy/check.h:

src/core/patch.h:

src/core/path.h:

src/core/value.h:

src/policy/policy.h:

src/core/view.h:
