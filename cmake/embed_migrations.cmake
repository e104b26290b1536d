# Generates a C++ source holding a service's migrations, so a binary carries its schema
# (no files to ship next to it). Run as: cmake -DMIGRATIONS_DIR=… -DOUTPUT=…
# -DFUNCTION=… -P embed_migrations.cmake
file(GLOB files "${MIGRATIONS_DIR}/[0-9][0-9][0-9][0-9]_*.sql")
list(SORT files)
set(body "")
foreach(file ${files})
  get_filename_component(base "${file}" NAME_WE)
  string(SUBSTRING "${base}" 0 4 version)
  string(SUBSTRING "${base}" 5 -1 name)
  math(EXPR version "${version}")
  file(READ "${file}" sql)
  string(APPEND body "      {${version}, \"${name}\", R\"huiwu_sql(${sql})huiwu_sql\"},\n")
endforeach()
set(content "// Generated from ${MIGRATIONS_DIR}; edit the .sql files instead.
#include <vector>

#include \"common/db/migrations.h\"

const std::vector<huiwu::db::Migration>& ${FUNCTION}() {
  static const auto* migrations = new std::vector<huiwu::db::Migration>{
${body}  };
  return *migrations;
}
")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT "${old}" STREQUAL "${content}")
  file(WRITE "${OUTPUT}" "${content}")
endif()
