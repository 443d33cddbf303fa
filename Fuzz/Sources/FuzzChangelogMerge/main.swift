import FuzzSupport

// Any bytes as an existing CHANGELOG; the first two bytes pick the keys of two generated sections
// (versions around the usual ones, or Unreleased) and whether they carry links and a subtitle.
// Checks what `merging` promises: the section is in the result, the bytes outside the replaced
// section survive, merging again changes nothing, and the batch merge equals merging one by one.

runFuzzer { data, size in
    fuzzMerge(bytes(data, size))
    return 0
}
