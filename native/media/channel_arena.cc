// Huge-page arena for media channels; see channel_arena.h.
#include "media/channel_arena.h"

#include <sys/mman.h>

#include <cstdint>
#include <mutex>
#include <new>
#include <vector>

namespace tandem::media {
namespace {

constexpr size_t kChunk = 2u << 20;  // one transparent huge page (x86-64)

struct Arena {
  std::mutex mutex;
  size_t slotSize = 0;               // the first size asked for; others go to the heap
  std::vector<uintptr_t> chunks;     // chunk base addresses
  std::vector<void*> freeSlots;

  bool owns(const void* p) const {
    const uintptr_t a = reinterpret_cast<uintptr_t>(p);
    for (uintptr_t c : chunks)
      if (a >= c && a < c + kChunk) return true;
    return false;
  }

  bool grow() {
    // Map twice the size to cut out a 2 MiB-aligned chunk (a huge page needs the alignment).
    void* m = mmap(nullptr, 2 * kChunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return false;
    const uintptr_t base = reinterpret_cast<uintptr_t>(m);
    const uintptr_t aligned = (base + kChunk - 1) & ~(kChunk - 1);
    if (aligned > base) munmap(m, aligned - base);
    const uintptr_t end = base + 2 * kChunk;
    if (end > aligned + kChunk) munmap(reinterpret_cast<void*>(aligned + kChunk), end - (aligned + kChunk));
    madvise(reinterpret_cast<void*>(aligned), kChunk, MADV_HUGEPAGE);  // advisory: fine if refused
    chunks.push_back(aligned);
    for (size_t off = 0; off + slotSize <= kChunk; off += slotSize) freeSlots.push_back(reinterpret_cast<void*>(aligned + off));
    return true;
  }
};

Arena& arena() {
  static Arena* a = new Arena();  // never destroyed: channels may be freed during process exit
  return *a;
}

}  // namespace

void* channelArenaAlloc(size_t n) {
  Arena& a = arena();
  {
    std::lock_guard<std::mutex> lock(a.mutex);
    const size_t sz = (n + 63) & ~size_t{63};  // whole cache lines
    if (a.slotSize == 0 && sz <= kChunk / 8) a.slotSize = sz;
    if (sz == a.slotSize && (!a.freeSlots.empty() || a.grow())) {
      void* p = a.freeSlots.back();
      a.freeSlots.pop_back();
      return p;
    }
  }
  return ::operator new(n);
}

void channelArenaFree(void* p, size_t n) {
  if (p == nullptr) return;
  Arena& a = arena();
  {
    std::lock_guard<std::mutex> lock(a.mutex);
    if (a.owns(p)) {
      a.freeSlots.push_back(p);
      return;
    }
  }
  ::operator delete(p, n);
}

}  // namespace tandem::media
