# VineWindowsTests.cmake - build Windows test programs with mingw-w64 and run
# them under vine through CTest.
#
#   vine_add_windows_dll(NAME <name> SOURCES <files...> [CXX]
#                        [DEF <file.def>] [DELAYLIB]
#                        [COMPILE_FLAGS <flags...>] [LINK_FLAGS <flags...>])
#     Builds ${VINE_WINTEST_DIR}/<name>.dll and its import library
#     lib<name>.dll.a (from DEF when given, so NONAME ordinals and forwarders
#     work). DELAYLIB (requires DEF) also builds lib<name>.delay.a, a
#     delay-import library made by dlltool --output-delaylib.
#
#   vine_add_windows_import_library(NAME <name> DEF <file.def>)
#     Builds only the import libraries lib<name>.dll.a and lib<name>.delay.a
#     for the DLL the .def's LIBRARY line names, which need not exist (API
#     sets, absent DLLs); usable in DLLS / DELAY_DLLS as <name>.
#
#   vine_add_windows_test(NAME <name> SOURCES <files...> [CXX]
#                         [DLLS <dll names...>] [DELAY_DLLS <dll names...>]
#                         [LIBS <-lfoo...>]
#                         [COMPILE_FLAGS <flags...>] [LINK_FLAGS <flags...>]
#                         [ARGS <args...>] [ARGS_FILE <file>]
#                         [STDIN <file>] [EXIT_CODE <n>]
#                         [EXPECTED_STDOUT <file>] [DRIVER <script>]
#                         [ENVIRONMENT <VAR=value...>])
#     Builds ${VINE_WINTEST_DIR}/<name>.exe and registers CTest test
#     "win.<name>" (label "windows") running it under $<TARGET_FILE:vine>
#     through tests/run-windows-test. ARGS_FILE holds one argument per line
#     (empty lines are empty arguments) and is appended after ARGS: use it
#     for arguments CMake lists cannot carry (empty strings, a trailing
#     backslash, semicolons).
#
# Everything is compiled with -O2 -Wall and tests/include on the include path;
# C++ programs and DLLs link libstdc++/libgcc statically (-static). The
# mingw-w64 compiler is used directly through add_custom_command; it is not a
# second CMake toolchain. ccache is used when found.
#
# Set VINE_TEST_LOADER in the environment when running ctest to run the
# programs under another loader (e.g. VINE_TEST_LOADER=wine64).

set(VINE_WINTEST_DIR "${CMAKE_BINARY_DIR}/tests/win")
set(VINE_WINTEST_RUNNER "${CMAKE_CURRENT_LIST_DIR}/../tests/run-windows-test")
get_filename_component(VINE_WINTEST_RUNNER "${VINE_WINTEST_RUNNER}" ABSOLUTE)
set(VINE_WINTEST_INCLUDE "${CMAKE_CURRENT_LIST_DIR}/../tests/include")
get_filename_component(VINE_WINTEST_INCLUDE "${VINE_WINTEST_INCLUDE}" ABSOLUTE)

find_program(VINE_MINGW_CC x86_64-w64-mingw32-gcc)
find_program(VINE_MINGW_CXX x86_64-w64-mingw32-g++)
find_program(VINE_MINGW_DLLTOOL x86_64-w64-mingw32-dlltool)
# Resource scripts (.rc) among a test's SOURCES are compiled by windres.
find_program(VINE_MINGW_WINDRES x86_64-w64-mingw32-windres)
find_program(VINE_CCACHE ccache)
find_program(VINE_BASH bash)

option(VINE_WINDOWS_TESTS "Build and register the Windows-side test programs" ON)

if(VINE_WINDOWS_TESTS AND (NOT VINE_MINGW_CC OR NOT VINE_MINGW_CXX OR NOT VINE_MINGW_DLLTOOL))
  message(WARNING "x86_64-w64-mingw32-gcc/g++/dlltool not found: Windows tests disabled")
  set(VINE_WINDOWS_TESTS OFF)
endif()

if(VINE_CCACHE)
  set(_vine_wt_launcher "${VINE_CCACHE}")
else()
  set(_vine_wt_launcher "")
endif()

file(MAKE_DIRECTORY "${VINE_WINTEST_DIR}")
if(VINE_WINDOWS_TESTS AND NOT TARGET vine_windows_tests)
  add_custom_target(vine_windows_tests ALL)
endif()

# Compile SOURCES to objects; sets ${out_var} to the list of objects.
function(_vine_wt_compile prefix cxx flags out_var)
  set(objs "")
  set(objdir "${VINE_WINTEST_DIR}/obj/${prefix}")
  file(MAKE_DIRECTORY "${objdir}")
  foreach(src IN LISTS ARGN)
    get_filename_component(src_abs "${src}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_filename_component(src_name "${src}" NAME)
    get_filename_component(src_ext "${src}" LAST_EXT)
    if(cxx OR src_ext MATCHES "^\\.(cpp|cc|cxx)$")
      set(cc "${VINE_MINGW_CXX}")
      set(std "-std=gnu++20")
    else()
      set(cc "${VINE_MINGW_CC}")
      set(std "-std=gnu11")
    endif()
    set(obj "${objdir}/${src_name}.o")
    if(src_ext STREQUAL ".rc")
      get_filename_component(src_dir "${src_abs}" DIRECTORY)
      add_custom_command(
        OUTPUT "${obj}"
        COMMAND "${VINE_MINGW_WINDRES}" -I "${src_dir}" -O coff -i "${src_abs}" -o "${obj}"
        DEPENDS "${src_abs}"
        COMMENT "mingw-w64: windres ${src_name} for ${prefix}"
        VERBATIM)
      list(APPEND objs "${obj}")
      continue()
    endif()
    add_custom_command(
      OUTPUT "${obj}"
      COMMAND ${_vine_wt_launcher} "${cc}" ${std} -O2 -Wall -I "${VINE_WINTEST_INCLUDE}"
              ${flags} -MD -MF "${obj}.d" -c "${src_abs}" -o "${obj}"
      DEPENDS "${src_abs}" "${VINE_WINTEST_INCLUDE}/vinetest.h"
      DEPFILE "${obj}.d"
      COMMENT "mingw-w64: compiling ${src_name} for ${prefix}"
      VERBATIM)
    list(APPEND objs "${obj}")
  endforeach()
  set(${out_var} "${objs}" PARENT_SCOPE)
endfunction()

function(vine_add_windows_dll)
  cmake_parse_arguments(A "CXX;DELAYLIB" "NAME;DEF" "SOURCES;COMPILE_FLAGS;LINK_FLAGS" ${ARGN})
  if(NOT VINE_WINDOWS_TESTS)
    return()
  endif()
  if(NOT A_NAME OR NOT A_SOURCES)
    message(FATAL_ERROR "vine_add_windows_dll: NAME and SOURCES are required")
  endif()
  set(is_cxx ${A_CXX})
  foreach(src IN LISTS A_SOURCES)
    if(src MATCHES "\\.(cpp|cc|cxx)$")
      set(is_cxx ON)
    endif()
  endforeach()
  _vine_wt_compile("${A_NAME}.dll" "${is_cxx}" "${A_COMPILE_FLAGS}" objs ${A_SOURCES})

  set(dll "${VINE_WINTEST_DIR}/${A_NAME}.dll")
  set(implib "${VINE_WINTEST_DIR}/lib${A_NAME}.dll.a")
  if(is_cxx)
    set(ld "${VINE_MINGW_CXX}")
    set(static -static)
  else()
    set(ld "${VINE_MINGW_CC}")
    set(static "")
  endif()
  set(outputs "${dll}")
  set(commands "")
  set(def_deps "")
  if(A_DEF)
    get_filename_component(def_abs "${A_DEF}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    set(def_deps "${def_abs}")
    # The DLL gets its exports from the .def; the import library is made by
    # dlltool from the same .def (ld's --out-implib ignores NONAME/forwarders
    # less reliably).
    list(APPEND commands COMMAND "${ld}" -shared -O2 ${static} -o "${dll}" ${objs} "${def_abs}" ${A_LINK_FLAGS})
    list(APPEND commands COMMAND "${VINE_MINGW_DLLTOOL}" -d "${def_abs}" -D "${A_NAME}.dll" -l "${implib}")
    list(APPEND outputs "${implib}")
    if(A_DELAYLIB)
      set(delaylib "${VINE_WINTEST_DIR}/lib${A_NAME}.delay.a")
      list(APPEND commands COMMAND "${VINE_MINGW_DLLTOOL}" -d "${def_abs}" -D "${A_NAME}.dll" -y "${delaylib}")
      list(APPEND outputs "${delaylib}")
    endif()
  else()
    if(A_DELAYLIB)
      message(FATAL_ERROR "vine_add_windows_dll(${A_NAME}): DELAYLIB requires DEF")
    endif()
    list(APPEND commands COMMAND "${ld}" -shared -O2 ${static} -o "${dll}" ${objs}
         "-Wl,--out-implib,${implib}" ${A_LINK_FLAGS})
    list(APPEND outputs "${implib}")
  endif()
  add_custom_command(
    OUTPUT ${outputs}
    ${commands}
    DEPENDS ${objs} ${def_deps}
    COMMENT "mingw-w64: linking ${A_NAME}.dll"
    VERBATIM)
  add_custom_target(wintest_dll_${A_NAME} DEPENDS ${outputs})
  add_dependencies(vine_windows_tests wintest_dll_${A_NAME})
endfunction()

function(vine_add_windows_test)
  cmake_parse_arguments(A "CXX" "NAME;STDIN;EXIT_CODE;EXPECTED_STDOUT;DRIVER;TIMEOUT;ARGS_FILE"
    "SOURCES;DLLS;DELAY_DLLS;LIBS;COMPILE_FLAGS;LINK_FLAGS;ARGS;ENVIRONMENT" ${ARGN})
  if(NOT VINE_WINDOWS_TESTS)
    return()
  endif()
  if(NOT A_NAME OR NOT A_SOURCES)
    message(FATAL_ERROR "vine_add_windows_test: NAME and SOURCES are required")
  endif()
  set(is_cxx ${A_CXX})
  foreach(src IN LISTS A_SOURCES)
    if(src MATCHES "\\.(cpp|cc|cxx)$")
      set(is_cxx ON)
    endif()
  endforeach()
  _vine_wt_compile("${A_NAME}.exe" "${is_cxx}" "${A_COMPILE_FLAGS}" objs ${A_SOURCES})

  set(exe "${VINE_WINTEST_DIR}/${A_NAME}.exe")
  if(is_cxx)
    set(ld "${VINE_MINGW_CXX}")
    set(static -static)
  else()
    set(ld "${VINE_MINGW_CC}")
    set(static "")
  endif()
  set(libs "")
  set(lib_deps "")
  set(dll_targets "")
  foreach(dll IN LISTS A_DLLS)
    list(APPEND libs "${VINE_WINTEST_DIR}/lib${dll}.dll.a")
    list(APPEND lib_deps "${VINE_WINTEST_DIR}/lib${dll}.dll.a")
    list(APPEND dll_targets wintest_dll_${dll})
  endforeach()
  foreach(dll IN LISTS A_DELAY_DLLS)
    list(APPEND libs "${VINE_WINTEST_DIR}/lib${dll}.delay.a")
    list(APPEND lib_deps "${VINE_WINTEST_DIR}/lib${dll}.delay.a")
    list(APPEND dll_targets wintest_dll_${dll})
  endforeach()
  add_custom_command(
    OUTPUT "${exe}"
    COMMAND "${ld}" -O2 ${static} -o "${exe}" ${objs} ${libs} ${A_LIBS} ${A_LINK_FLAGS}
    DEPENDS ${objs} ${lib_deps}
    COMMENT "mingw-w64: linking ${A_NAME}.exe"
    VERBATIM)
  add_custom_target(wintest_${A_NAME} DEPENDS "${exe}")
  if(dll_targets)
    add_dependencies(wintest_${A_NAME} ${dll_targets})
  endif()
  add_dependencies(vine_windows_tests wintest_${A_NAME})

  if(DEFINED VINE_EXECUTABLE AND VINE_EXECUTABLE)
    set(loader "${VINE_EXECUTABLE}")
  else()
    set(loader "$<TARGET_FILE:vine>")
  endif()
  set(cmd "${VINE_BASH}" "${VINE_WINTEST_RUNNER}" --vine "${loader}" --exe "${exe}")
  if(A_STDIN)
    get_filename_component(f "${A_STDIN}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND cmd --stdin "${f}")
  endif()
  if(DEFINED A_EXIT_CODE)
    list(APPEND cmd --exit-code "${A_EXIT_CODE}")
  endif()
  if(A_EXPECTED_STDOUT)
    get_filename_component(f "${A_EXPECTED_STDOUT}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND cmd --expect-stdout "${f}")
  endif()
  if(A_DRIVER)
    get_filename_component(f "${A_DRIVER}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND cmd --driver "${f}")
  endif()
  if(A_ARGS_FILE)
    get_filename_component(f "${A_ARGS_FILE}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND cmd --args-file "${f}")
  endif()
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 120)
  endif()
  list(APPEND cmd --timeout "${A_TIMEOUT}" --)
  add_test(NAME win.${A_NAME} COMMAND ${cmd} ${A_ARGS})
  math(EXPR ctest_timeout "${A_TIMEOUT} + 30")
  set_tests_properties(win.${A_NAME} PROPERTIES
    LABELS windows
    TIMEOUT ${ctest_timeout})
  if(A_ENVIRONMENT)
    set_tests_properties(win.${A_NAME} PROPERTIES ENVIRONMENT "${A_ENVIRONMENT}")
  endif()
endfunction()

function(vine_add_windows_import_library)
  cmake_parse_arguments(A "" "NAME;DEF" "" ${ARGN})
  if(NOT VINE_WINDOWS_TESTS)
    return()
  endif()
  get_filename_component(def_abs "${A_DEF}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  set(implib "${VINE_WINTEST_DIR}/lib${A_NAME}.dll.a")
  set(delaylib "${VINE_WINTEST_DIR}/lib${A_NAME}.delay.a")
  add_custom_command(
    OUTPUT "${implib}" "${delaylib}"
    COMMAND "${VINE_MINGW_DLLTOOL}" -d "${def_abs}" -l "${implib}"
    COMMAND "${VINE_MINGW_DLLTOOL}" -d "${def_abs}" -y "${delaylib}"
    DEPENDS "${def_abs}"
    COMMENT "mingw-w64: import libraries for ${A_NAME}"
    VERBATIM)
  add_custom_target(wintest_dll_${A_NAME} DEPENDS "${implib}" "${delaylib}")
  add_dependencies(vine_windows_tests wintest_dll_${A_NAME})
endfunction()
