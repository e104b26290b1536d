# Fails when a C++ file of ours differs from what clang-format makes of it.
file(GLOB_RECURSE files
  "${SOURCE_DIR}/common/*.h" "${SOURCE_DIR}/common/*.cc"
  "${SOURCE_DIR}/services/*.h" "${SOURCE_DIR}/services/*.cc"
  "${SOURCE_DIR}/tools/*.h" "${SOURCE_DIR}/tools/*.cc"
  "${SOURCE_DIR}/tests/*.h" "${SOURCE_DIR}/tests/*.cc")
list(FILTER files EXCLUDE REGEX "/node_modules/")
execute_process(COMMAND ${CLANG_FORMAT} --style=file --dry-run --Werror ${files}
                WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "clang-format: the files above are not formatted; run "
                      "clang-format -i --style=file on them")
endif()
