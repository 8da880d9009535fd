# vine_startup_order(TARGET <target> ORDER <file> [LIBRARIES <static libs...>])
#
# Places the functions ORDER lists (one symbol a line, made by
# tools/startup-order) first in TARGET's code, in that order. The kernel
# maps a file's pages 64 KB around each page fault (fault-around; madvise
# does not change it), so start-up code scattered over a module makes
# nearly all of its code resident in every process: gathered in one run,
# it makes only its own pages resident. TARGET and the static LIBRARIES
# linked into it are compiled with a section per function; a linker script
# made from ORDER puts those sections in an output section before .text.
# A name the list has and the code no longer has matches nothing, so a
# stale list costs memory, never correctness.
function(vine_startup_order)
    cmake_parse_arguments(ARG "" "TARGET;ORDER" "LIBRARIES" ${ARGN})
    foreach(target ${ARG_TARGET} ${ARG_LIBRARIES})
        target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:C,CXX>:-ffunction-sections>)
    endforeach()
    file(STRINGS ${ARG_ORDER} symbols REGEX "^[^#]")
    # Static constructors (and main) run in every process: GCC puts them in
    # .text.startup. A listed function's unlikely part (NAME.cold) and a
    # function GCC deems unlikely as a whole are in .text.unlikely.NAME:
    # start-up code takes such paths too, and they are small.
    set(inputs "    *(.text.startup .text.startup.*)\n")
    foreach(symbol ${symbols})
        string(APPEND inputs "    *(.text.${symbol} .text.unlikely.${symbol} .text.hot.${symbol})\n")
    endforeach()
    set(script ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}.startup.ld)
    # Written only when it changes, so a configure run does not relink.
    file(CONFIGURE OUTPUT ${script} @ONLY CONTENT
        "/* Made by cmake/VineStartupOrder.cmake from ${ARG_ORDER}. */\nSECTIONS\n{\n  .text.vine_startup :\n  {\n${inputs}  }\n}\nINSERT BEFORE .text;\n")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ARG_ORDER})
    target_link_options(${ARG_TARGET} PRIVATE -Wl,-T,${script})
    set_property(TARGET ${ARG_TARGET} APPEND PROPERTY LINK_DEPENDS ${script})
endfunction()
