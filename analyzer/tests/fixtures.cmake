# Rule fixtures: one CTest test fixture/<rule-id> per folder testdata/rules/<rule-id>/, run by
# fixture_runner. fixture-selftest/ holds deliberately wrong expectations: the runner must
# fail on each of them (WILL_FAIL), which keeps the runner itself honest.
add_executable(fixture_runner ${CMAKE_CURRENT_SOURCE_DIR}/fixture_runner.c)
target_compile_options(fixture_runner PRIVATE ${TX_WARNINGS})
target_link_libraries(fixture_runner PRIVATE txdriver)

file(GLOB TX_RULE_FIXTURE_DIRS LIST_DIRECTORIES true CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/testdata/rules/*)
foreach(dir ${TX_RULE_FIXTURE_DIRS})
  if(IS_DIRECTORY ${dir})
    get_filename_component(rule ${dir} NAME)
    add_test(NAME fixture/${rule} COMMAND fixture_runner ${dir})
  endif()
endforeach()

file(GLOB TX_SELFTEST_DIRS LIST_DIRECTORIES true CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/testdata/fixture-selftest/*/*)
foreach(dir ${TX_SELFTEST_DIRS})
  if(IS_DIRECTORY ${dir})
    get_filename_component(rule ${dir} NAME)
    get_filename_component(parent ${dir} DIRECTORY)
    get_filename_component(kind ${parent} NAME)
    add_test(NAME fixture-selftest/${kind}/${rule} COMMAND fixture_runner ${dir})
    set_tests_properties(fixture-selftest/${kind}/${rule} PROPERTIES WILL_FAIL TRUE)
  endif()
endforeach()
