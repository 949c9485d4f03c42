// pcap writer with a wait-free single-producer enqueue. See pcap_writer.h.
#include "e1/pcap_writer.h"

#include <chrono>
#include <cstring>

namespace tandem::e1 {

namespace {
void put32(uint8_t* p, uint32_t v) { std::memcpy(p, &v, 4); }  // native byte order, magic tells readers
void put16(uint8_t* p, uint16_t v) { std::memcpy(p, &v, 2); }
}  // namespace

PcapWriter::PcapWriter() : slots_(new Slot[kSlots]) {}

PcapWriter::~PcapWriter() { close(); }

bool PcapWriter::open(const std::string& path, uint32_t linktype) {
  close();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  // Global header (pcap file format): magic, version 2.4, thiszone 0, sigfigs 0, snaplen, linktype.
  uint8_t h[24];
  put32(h, 0xA1B2C3D4u);
  put16(h + 4, 2);
  put16(h + 6, 4);
  put32(h + 8, 0);
  put32(h + 12, 0);
  put32(h + 16, 65535);
  put32(h + 20, linktype);
  if (std::fwrite(h, 1, sizeof h, f) != sizeof h) {
    std::fclose(f);
    return false;
  }
  std::fflush(f);
  file_ = f;
  head_.store(0, std::memory_order_relaxed);
  tail_.store(0, std::memory_order_relaxed);
  stop_.store(false, std::memory_order_relaxed);
  open_.store(true, std::memory_order_release);
  thread_ = std::thread([this] { run(); });
  return true;
}

void PcapWriter::enqueue(const uint8_t* frame, size_t n, uint64_t realtimeUs) {
  if (!open_.load(std::memory_order_acquire)) return;
  const uint64_t head = head_.load(std::memory_order_relaxed);
  if (head - tail_.load(std::memory_order_acquire) >= kSlots) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  Slot& s = slots_[head % kSlots];
  s.tsUs = realtimeUs;
  s.len = static_cast<uint32_t>(n);
  s.caplen = static_cast<uint32_t>(n < kSlotBytes ? n : kSlotBytes);
  std::memcpy(s.data, frame, s.caplen);
  head_.store(head + 1, std::memory_order_release);
}

size_t PcapWriter::drain() {
  size_t count = 0;
  uint64_t tail = tail_.load(std::memory_order_relaxed);
  const uint64_t head = head_.load(std::memory_order_acquire);
  while (tail != head) {
    const Slot& s = slots_[tail % kSlots];
    uint8_t rh[16];
    put32(rh, static_cast<uint32_t>(s.tsUs / 1000000u));
    put32(rh + 4, static_cast<uint32_t>(s.tsUs % 1000000u));
    put32(rh + 8, s.caplen);
    put32(rh + 12, s.len);
    std::fwrite(rh, 1, sizeof rh, file_);
    std::fwrite(s.data, 1, s.caplen, file_);
    ++tail;
    ++count;
    tail_.store(tail, std::memory_order_release);
  }
  if (count) {
    std::fflush(file_);
    written_.fetch_add(count, std::memory_order_relaxed);
  }
  return count;
}

void PcapWriter::run() {
  // The writer sleeps between drains (the producer never signals: that would be a syscall on the
  // real-time thread); 20 ms keeps the file close to live.
  for (;;) {
    drain();
    std::unique_lock<std::mutex> lk(mu_);
    if (stop_.load(std::memory_order_acquire)) break;
    cv_.wait_for(lk, std::chrono::milliseconds(20), [this] { return stop_.load(std::memory_order_acquire); });
  }
  drain();
}

void PcapWriter::close() {
  if (!open_.exchange(false, std::memory_order_acq_rel)) return;
  {
    std::lock_guard<std::mutex> lk(mu_);
    stop_.store(true, std::memory_order_release);
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (file_) {
    std::fclose(file_);
    file_ = nullptr;
  }
}

}  // namespace tandem::e1
