// vinebuild: compiles a builtin DLL's .spec file into the assembly that gives
// NAME.dll.so its in-memory PE image and its descriptor for the loader.
//
//   vinebuild --dll kernel32.dll --spec kernel32.spec --output kernel32.spec.s

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "asm_writer.h"
#include "spec.h"

int main(int argc, char** argv) {
    std::string dll, spec_path, output;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--dll")) dll = argv[i + 1];
        else if (!strcmp(argv[i], "--spec")) spec_path = argv[i + 1];
        else if (!strcmp(argv[i], "--output")) output = argv[i + 1];
        else {
            fprintf(stderr, "vinebuild: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (dll.empty() || spec_path.empty() || output.empty()) {
        fprintf(stderr, "usage: vinebuild --dll NAME.dll --spec NAME.spec --output FILE.s\n");
        return 2;
    }
    std::ifstream in(spec_path);
    if (!in) {
        fprintf(stderr, "vinebuild: cannot read %s\n", spec_path.c_str());
        return 1;
    }
    std::stringstream text;
    text << in.rdbuf();
    auto spec = vine::spec::parse(text.str(), spec_path);
    if (!spec) {
        fprintf(stderr, "vinebuild: %s\n", spec.error().message.c_str());
        return 1;
    }
    std::ofstream out(output);
    out << vine::spec::write_assembly(*spec, dll);
    if (!out.good()) {
        fprintf(stderr, "vinebuild: cannot write %s\n", output.c_str());
        return 1;
    }
    return 0;
}
