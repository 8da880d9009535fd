# vine_add_builtin_dll(NAME <dll> SOURCES <files...> [IMPORTS <builtin dlls...>])
#
# Builds dlls/NAME/NAME.spec and the sources into NAME.dll.so: vinebuild turns
# the spec into an assembly file holding the in-memory PE image (headers,
# export directory), the relay and stub thunks and the registration with the
# loader. vine_dll.ld places that image below the DLL's code, so every export
# has a positive 32-bit RVA from the HMODULE, as on Windows.
function(vine_add_builtin_dll)
    cmake_parse_arguments(ARG "" "NAME" "SOURCES;IMPORTS" ${ARGN})
    set(spec ${CMAKE_CURRENT_SOURCE_DIR}/${ARG_NAME}.spec)
    set(spec_asm ${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}.spec.s)
    add_custom_command(
        OUTPUT ${spec_asm}
        COMMAND vinebuild --dll ${ARG_NAME}.dll --spec ${spec} --output ${spec_asm}
        DEPENDS vinebuild ${spec}
        COMMENT "vinebuild ${ARG_NAME}.spec")
    set(target ${ARG_NAME})
    # The spec's object must come first so the PE image precedes all code.
    add_library(${target} SHARED ${spec_asm} ${ARG_SOURCES})
    set_target_properties(${target} PROPERTIES
        PREFIX "" OUTPUT_NAME "${ARG_NAME}.dll" SUFFIX ".so"
        LIBRARY_OUTPUT_DIRECTORY ${VINE_DLL_DIR}
        CXX_VISIBILITY_PRESET hidden C_VISIBILITY_PRESET hidden
        BUILD_RPATH "$ORIGIN" INSTALL_RPATH "$ORIGIN")
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/include ${VINE_PROTOCOL_INCLUDE_DIRS})
    # Copies and fills of a size known only at run time are `rep movsb` /
    # `rep stosb` in place, and strlen a word loop, instead of calls to
    # glibc's memcpy, memset and strlen: from an ms_abi function each such
    # call is a System V call, which costs it the xmm6-xmm15 saves
    # (docs/architecture.md, "Calling conventions inside Vine"). Small
    # copies of a constant size stay plain moves.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-minline-all-stringops>
            $<$<COMPILE_LANGUAGE:CXX>:-mmemcpy-strategy=rep_byte:-1:noalign>
            $<$<COMPILE_LANGUAGE:CXX>:-mmemset-strategy=rep_byte:-1:noalign>)
    endif()
    # The C++ runtime is linked in statically: loading libstdc++.so and
    # libgcc_s.so (their relocations, libgcc's CPU probing) was a quarter of
    # a process's start-up. The private copies are the same libstdc++ and
    # allocate through malloc, so the std::string values the loader's
    # interface passes between them are safe; no C++ exception crosses a
    # module boundary. Their symbols stay private (--exclude-libs): exported,
    # they had been half of the dynamic symbol table the dynamic loader
    # reads in every process.
    target_link_options(${target} PRIVATE
        -Wl,-T,${PROJECT_SOURCE_DIR}/cmake/vine_dll.ld
        -Wl,-Bsymbolic -static-libstdc++ -static-libgcc ${VINE_PRIVATE_RUNTIME} ${VINE_PACKED_RELOCATIONS})
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${PROJECT_SOURCE_DIR}/cmake/vine_dll.ld)
    # The code processes run at start-up first (cmake/VineStartupOrder.cmake).
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/startup.order)
        vine_startup_order(TARGET ${target} ORDER ${CMAKE_CURRENT_SOURCE_DIR}/startup.order)
    endif()
    foreach(dep ${ARG_IMPORTS})
        target_link_libraries(${target} PRIVATE ${dep})
    endforeach()
endfunction()
