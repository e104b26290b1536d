# huiwu_embed_migrations(<target> <dir> <function>): compiles the migrations of <dir>
# into <target> as `const std::vector<huiwu::db::Migration>& <function>()`.
function(huiwu_embed_migrations target dir function)
  file(GLOB sql_files CONFIGURE_DEPENDS "${dir}/*.sql")
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${function}.cc")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DMIGRATIONS_DIR=${dir} -DOUTPUT=${output}
            -DFUNCTION=${function} -P ${PROJECT_SOURCE_DIR}/cmake/embed_migrations.cmake
    DEPENDS ${sql_files} ${PROJECT_SOURCE_DIR}/cmake/embed_migrations.cmake
    COMMENT "embedding migrations of ${dir}" VERBATIM)
  target_sources(${target} PRIVATE "${output}")
endfunction()

# Our own code: warnings are errors, includes relative to the project root.
function(huiwu_target target)
  target_compile_options(${target} PRIVATE ${HUIWU_WARNINGS})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
endfunction()
