// A zone of the registry's Time Zones keys by its key name
// (time_zone_registry.cpp), for GetTimeZoneInformationForYear, and its
// Dynamic DST rule for a year.
#pragma once

#include <string_view>

#include "vine/time_zone.h"
#include "vine/wintypes.h"

NTSTATUS registry_time_zone(std::u16string_view key_name, DYNAMIC_TIME_ZONE_INFORMATION* info);
// The rule of `year` from the zone's "Dynamic DST" subkey (FirstEntry and
// LastEntry bound the years; a year before or after takes the nearest
// one's; a year missing between them the latest earlier one's) over
// info's biases and dates; false, leaving info alone, when there is none.
bool registry_time_zone_for_year(std::u16string_view key_name, USHORT year, DYNAMIC_TIME_ZONE_INFORMATION* info);
