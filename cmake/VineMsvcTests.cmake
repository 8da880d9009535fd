# VineMsvcTests.cmake - Windows test programs in Microsoft's ABI: built by
# clang for x86_64-pc-windows-msvc and linked by lld-link, so their C++
# exceptions use MSVC's tables (__CxxFrameHandler3) and their imports
# vcruntime140/ucrtbase/msvcrt as MSVC-built programs do. There are no
# MSVC headers or libraries: programs declare what they call and write
# their own entry point; import libraries come from .def files through
# llvm-dlltool. Run under vine like the mingw-w64 tests (win.<name>).
#
#   vine_add_msvc_dll(NAME <name> SOURCES <files...> [DEFS <file.def...>]
#                     [ENTRY <symbol>] [FH4])
#     Builds ${VINE_WINTEST_DIR}/<name>.dll and <name>.lib.
#
#   vine_add_msvc_test(NAME <name> SOURCES <files...> [DEFS <file.def...>]
#                      [DLLS <names...>] [ENTRY <symbol>] [EXIT_CODE <n>]
#                      [EXPECTED_STDOUT <file>] [COMPILE_FLAGS <flags...>]
#                      [ARGS <args...>] [ENVIRONMENT <VAR=value...>] [FH4])
#     Builds ${VINE_WINTEST_DIR}/<name>.exe and registers CTest test
#     win.<name> (labels "windows" and "msvc").
#
# Sources ending in .s are assembled as they are (hand-written tables).
# FH4: clang emits only __CxxFrameHandler3's tables; with FH4 each source
# is compiled to assembly and its tables rewritten into MSVC 2019's
# compressed __CxxFrameHandler4 tables (dlls/vcruntime140_1/tests/
# fh3_to_fh4.py) before it is assembled. Needs Python 3.
#
# Without clang, lld-link or llvm-dlltool the tests are skipped with a
# message at configure time.

find_program(VINE_MSVC_CLANG NAMES clang clang-16 clang-15 clang-14)
find_program(VINE_LLD_LINK NAMES lld-link lld-link-16 lld-link-15 lld-link-14)
find_program(VINE_LLVM_DLLTOOL NAMES llvm-dlltool llvm-dlltool-16 llvm-dlltool-15 llvm-dlltool-14)
find_program(VINE_PYTHON3 NAMES python3)
set(VINE_FH4_CONVERTER "${PROJECT_SOURCE_DIR}/dlls/vcruntime140_1/tests/fh3_to_fh4.py")

set(VINE_MSVC_TESTS ON)
if(NOT VINE_WINDOWS_TESTS)
  set(VINE_MSVC_TESTS OFF)
elseif(NOT VINE_MSVC_CLANG OR NOT VINE_LLD_LINK OR NOT VINE_LLVM_DLLTOOL)
  message(STATUS "clang, lld-link or llvm-dlltool not found: MSVC-ABI Windows tests (win.msvc_*) skipped")
  set(VINE_MSVC_TESTS OFF)
endif()

function(_vine_msvc_build kind name entry out_file)
  cmake_parse_arguments(B "FH4" "" "SOURCES;DEFS;DLLS;COMPILE_FLAGS" ${ARGN})
  set(objdir "${VINE_WINTEST_DIR}/obj/msvc.${name}")
  file(MAKE_DIRECTORY "${objdir}")
  set(objs "")
  foreach(src IN LISTS B_SOURCES)
    get_filename_component(src_abs "${src}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_filename_component(src_name "${src}" NAME)
    set(obj "${objdir}/${src_name}.obj")
    set(clang_flags --target=x86_64-pc-windows-msvc -O2 -Wall -fms-extensions -I "${VINE_WINTEST_INCLUDE}"
                    -fexceptions -fcxx-exceptions -fno-stack-protector ${B_COMPILE_FLAGS})
    if(B_FH4)
      add_custom_command(
        OUTPUT "${obj}"
        COMMAND "${VINE_MSVC_CLANG}" ${clang_flags} -MD -MF "${obj}.d" -MT "${obj}" -S "${src_abs}" -o "${obj}.fh3.s"
        COMMAND "${VINE_PYTHON3}" "${VINE_FH4_CONVERTER}" "${obj}.fh3.s" "${obj}.fh4.s"
        COMMAND "${VINE_MSVC_CLANG}" --target=x86_64-pc-windows-msvc -c "${obj}.fh4.s" -o "${obj}"
        DEPENDS "${src_abs}" "${VINE_FH4_CONVERTER}"
        DEPFILE "${obj}.d"
        COMMENT "clang (msvc, FH4 tables): compiling ${src_name} for ${name}"
        VERBATIM)
    elseif(src_name MATCHES "\\.s$")
      # Assembly (hand-written tables): nothing to preprocess, no depfile.
      add_custom_command(
        OUTPUT "${obj}"
        COMMAND "${VINE_MSVC_CLANG}" --target=x86_64-pc-windows-msvc -c "${src_abs}" -o "${obj}"
        DEPENDS "${src_abs}"
        COMMENT "clang (msvc): assembling ${src_name} for ${name}"
        VERBATIM)
    else()
      add_custom_command(
        OUTPUT "${obj}"
        COMMAND "${VINE_MSVC_CLANG}" ${clang_flags} -MD -MF "${obj}.d" -c "${src_abs}" -o "${obj}"
        DEPENDS "${src_abs}"
        DEPFILE "${obj}.d"
        COMMENT "clang (msvc): compiling ${src_name} for ${name}"
        VERBATIM)
    endif()
    list(APPEND objs "${obj}")
  endforeach()
  set(libs "")
  foreach(def IN LISTS B_DEFS)
    get_filename_component(def_abs "${def}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_filename_component(def_name "${def}" NAME_WE)
    set(lib "${objdir}/${def_name}.lib")
    add_custom_command(
      OUTPUT "${lib}"
      COMMAND "${VINE_LLVM_DLLTOOL}" -m i386:x86-64 -d "${def_abs}" -l "${lib}"
      DEPENDS "${def_abs}"
      COMMENT "llvm-dlltool: ${def_name}.lib for ${name}"
      VERBATIM)
    list(APPEND libs "${lib}")
  endforeach()
  set(dll_targets "")
  foreach(dll IN LISTS B_DLLS)
    list(APPEND libs "${VINE_WINTEST_DIR}/${dll}.lib")
    list(APPEND dll_targets msvctest_dll_${dll})
  endforeach()
  if(kind STREQUAL "dll")
    set(out "${VINE_WINTEST_DIR}/${name}.dll")
    set(kind_flags /dll "/implib:${VINE_WINTEST_DIR}/${name}.lib")
    set(byproducts "${VINE_WINTEST_DIR}/${name}.lib")
  else()
    set(out "${VINE_WINTEST_DIR}/${name}.exe")
    set(kind_flags /subsystem:console)
    set(byproducts "")
  endif()
  add_custom_command(
    OUTPUT "${out}" ${byproducts}
    COMMAND "${VINE_LLD_LINK}" /nologo /nodefaultlib "/entry:${entry}" ${kind_flags} "/out:${out}" ${objs} ${libs}
    DEPENDS ${objs} ${libs} ${dll_targets}
    COMMENT "lld-link: linking ${name}"
    VERBATIM)
  set(${out_file} "${out}" PARENT_SCOPE)
endfunction()

function(vine_add_msvc_dll)
  cmake_parse_arguments(A "FH4" "NAME;ENTRY" "SOURCES;DEFS;COMPILE_FLAGS" ${ARGN})
  if(NOT VINE_MSVC_TESTS OR (A_FH4 AND NOT VINE_PYTHON3))
    return()
  endif()
  set(fh4)
  if(A_FH4)
    set(fh4 FH4)
  endif()
  if(NOT A_ENTRY)
    set(A_ENTRY vt_dll_main)
  endif()
  _vine_msvc_build(dll "${A_NAME}" "${A_ENTRY}" out ${fh4} SOURCES ${A_SOURCES} DEFS ${A_DEFS}
                   COMPILE_FLAGS ${A_COMPILE_FLAGS})
  add_custom_target(msvctest_dll_${A_NAME} DEPENDS "${out}")
  add_dependencies(vine_windows_tests msvctest_dll_${A_NAME})
endfunction()

function(vine_add_msvc_test)
  cmake_parse_arguments(A "FH4" "NAME;ENTRY;EXIT_CODE;EXPECTED_STDOUT" "SOURCES;DEFS;DLLS;COMPILE_FLAGS;ARGS;ENVIRONMENT"
                        ${ARGN})
  if(NOT VINE_MSVC_TESTS)
    return()
  endif()
  if(A_FH4 AND NOT VINE_PYTHON3)
    message(STATUS "python3 not found: win.${A_NAME} (FH4 tables) skipped")
    return()
  endif()
  set(fh4)
  if(A_FH4)
    set(fh4 FH4)
  endif()
  if(NOT A_ENTRY)
    set(A_ENTRY vt_entry)
  endif()
  _vine_msvc_build(exe "${A_NAME}" "${A_ENTRY}" exe ${fh4} SOURCES ${A_SOURCES} DEFS ${A_DEFS} DLLS ${A_DLLS}
                   COMPILE_FLAGS ${A_COMPILE_FLAGS})
  add_custom_target(msvctest_${A_NAME} DEPENDS "${exe}")
  add_dependencies(vine_windows_tests msvctest_${A_NAME})
  set(cmd "${VINE_BASH}" "${VINE_WINTEST_RUNNER}" --vine "$<TARGET_FILE:vine>" --exe "${exe}")
  if(DEFINED A_EXIT_CODE)
    list(APPEND cmd --exit-code "${A_EXIT_CODE}")
  endif()
  if(A_EXPECTED_STDOUT)
    get_filename_component(f "${A_EXPECTED_STDOUT}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND cmd --expect-stdout "${f}")
  endif()
  list(APPEND cmd --timeout 120 --)
  add_test(NAME win.${A_NAME} COMMAND ${cmd} ${A_ARGS})
  set_tests_properties(win.${A_NAME} PROPERTIES LABELS "windows;msvc" TIMEOUT 150)
  if(A_ENVIRONMENT)
    set_tests_properties(win.${A_NAME} PROPERTIES ENVIRONMENT "${A_ENVIRONMENT}")
  endif()
endfunction()
