// libstdc++ (linked statically): std::string, std::vector, std::map,
// iostream, sorting and formatting.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>
#include "vinetest.h"

int main()
{
    std::string s = "hello";
    s += ", world";
    ok(s == "hello, world" && s.size() == 12, "std::string append");
    ok(s.find("world") == 7 && s.substr(0, 5) == "hello", "find/substr");
    std::string big(100000, 'x');
    big.replace(50000, 1, "yz");
    ok(big.size() == 100001 && big[50001] == 'z', "large string replace");
    std::wstring ws = L"wide";
    ws += L'\x00e9';
    ok(ws.size() == 5 && ws[4] == 0xe9, "std::wstring");

    std::vector<int> v;
    for (int i = 0; i < 10000; i++) v.push_back((i * 7919) % 10007);
    std::sort(v.begin(), v.end());
    ok(std::is_sorted(v.begin(), v.end()) && v.size() == 10000, "vector sort");
    long long sum = std::accumulate(v.begin(), v.end(), 0LL);
    long long expect = 0;
    for (int i = 0; i < 10000; i++) expect += (i * 7919) % 10007;
    ok(sum == expect, "accumulate");

    std::map<std::string, int> m;
    m["banana"] = 2;
    m["apple"] = 1;
    m["cherry"] = 3;
    std::string keys;
    for (auto &kv : m) keys += kv.first + "=" + std::to_string(kv.second) + ";";
    ok(keys == "apple=1;banana=2;cherry=3;", "std::map ordered: %s", keys.c_str());
    ok(m.count("apple") == 1 && m.count("durian") == 0, "map count");

    std::unordered_map<int, std::string> um;
    for (int i = 0; i < 1000; i++) um[i] = std::to_string(i * i);
    ok(um.size() == 1000 && um[31] == "961", "unordered_map");

    auto p = std::make_unique<std::vector<std::string>>(3, "abc");
    ok(p->size() == 3 && (*p)[2] == "abc", "unique_ptr<vector<string>>");
    auto sp = std::make_shared<int>(5);
    auto sp2 = sp;
    ok(sp.use_count() == 2 && *sp2 == 5, "shared_ptr");

    std::ostringstream os;
    os << "n=" << 42 << " x=" << 1.5 << " hex=" << std::hex << 255;
    ok(os.str() == "n=42 x=1.5 hex=ff", "ostringstream: %s", os.str().c_str());
    std::istringstream is("10 20 thirty");
    int x = 0, y = 0;
    std::string w;
    is >> x >> y >> w;
    ok(x == 10 && y == 20 && w == "thirty", "istringstream");

    std::cout << "cout line " << 123 << std::endl;
    ok(std::cout.good(), "std::cout works");
    std::cerr << "cerr line" << std::endl;
    ok(std::cerr.good(), "std::cerr works");
    std::fflush(stdout);

    return vt_summary();
}
