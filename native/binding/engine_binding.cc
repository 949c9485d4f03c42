// Binding of the TDM engine (export group "engine"): class TdmEngine. Typed face:
// src/native/types/engine.ts. Arguments are validated by the TS wrapper and re-checked here cheaply;
// errors keep their class (errors.h): TypeError / RangeError for bad arguments, InvalidStateError
// after close(), TandemNativeError with a code for domain failures (EADDRINUSE, ESPAN_UNKNOWN, ...).
#include "binding/engine_binding.h"

#include <cstring>
#include <map>
#include <memory>
#include <string>

#include "binding/errors.h"
#include "binding/module_registry.h"
#include "core/channel_registry.h"
#include "core/raw_hdlc_channel.h"
#include "virtual/satop_driver.h"
#include "loop/loop_driver.h"
#if TANDEM_HAVE_DAHDI
#include "dahdi/dahdi_driver.h"
#endif

namespace tandem {

namespace {

using core::Command;
using core::CommandType;
using core::Engine;
using core::Event;
using core::EventType;
using core::Span;

class EngineWrap;
void callJs(Napi::Env env, Napi::Function cb, EngineWrap* ctx, void* data);
using Tsfn = Napi::TypedThreadSafeFunction<EngineWrap, void, callJs>;

class TsfnNotifier final : public core::Notifier {
 public:
  Tsfn tsfn;
  void notify() override { tsfn.NonBlockingCall(static_cast<void*>(nullptr)); }
};

struct ChannelEntry {
  Span* span;
  uint32_t spanHandle;
  int ts;
  SignallingChannel* channel;
};

int32_t intArg(Napi::Env env, const Napi::Value& v, const char* what) {
  if (!v.IsNumber()) throwType(env, std::string(what) + " must be a number");
  double d = v.As<Napi::Number>().DoubleValue();
  if (d != static_cast<double>(static_cast<int64_t>(d))) throwType(env, std::string(what) + " must be an integer");
  return v.As<Napi::Number>().Int32Value();
}

int32_t intProp(Napi::Env env, const Napi::Object& o, const char* key, int32_t lo, int32_t hi) {
  int32_t v = intArg(env, o.Get(key), key);
  if (v < lo || v > hi) throwRange(env, std::string(key) + " must be " + std::to_string(lo) + ".." + std::to_string(hi));
  return v;
}

std::string strProp(Napi::Env env, const Napi::Object& o, const char* key) {
  Napi::Value v = o.Get(key);
  if (!v.IsString()) throwType(env, std::string(key) + " must be a string");
  return v.As<Napi::String>().Utf8Value();
}

bool boolProp(Napi::Env env, const Napi::Object& o, const char* key) {
  Napi::Value v = o.Get(key);
  if (!v.IsBoolean()) throwType(env, std::string(key) + " must be a boolean");
  return v.As<Napi::Boolean>().Value();
}

const char* warningName(uint32_t code) {
  switch (static_cast<core::EngineWarningCode>(code)) {
    case core::EngineWarningCode::RealtimePriorityFailed: return "realtimePriorityFailed";
    case core::EngineWarningCode::CpuAffinityFailed: return "cpuAffinityFailed";
    case core::EngineWarningCode::TicksSkipped: return "ticksSkipped";
  }
  return "unknown";
}

class EngineWrap : public Napi::ObjectWrap<EngineWrap> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "TdmEngine",
                       {
                           InstanceMethod<&EngineWrap::addSpan>("addSpan"),
                           InstanceMethod<&EngineWrap::removeSpan>("removeSpan"),
                           InstanceMethod<&EngineWrap::openChannel>("openChannel"),
                           InstanceMethod<&EngineWrap::closeChannel>("closeChannel"),
                           InstanceMethod<&EngineWrap::channelCommand>("channelCommand"),
                           InstanceMethod<&EngineWrap::sendFrame>("sendFrame"),
                           InstanceMethod<&EngineWrap::setBert>("setBert"),
                           InstanceMethod<&EngineWrap::injectErrors>("injectErrors"),
                           InstanceMethod<&EngineWrap::setTxEnabled>("setTxEnabled"),
                           InstanceMethod<&EngineWrap::spanStatus>("spanStatus"),
                           InstanceMethod<&EngineWrap::channelCounters>("channelCounters"),
                           InstanceMethod<&EngineWrap::stats>("stats"),
                           InstanceMethod<&EngineWrap::resetStats>("resetStats"),
                           InstanceMethod<&EngineWrap::drain>("drain"),
                           InstanceMethod<&EngineWrap::close>("close"),
                           InstanceAccessor<&EngineWrap::closed>("closed"),
                       });
  }

  // new TdmEngine({ realtimePriority, cpu, eventCapacity? }, onEvents)
  explicit EngineWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<EngineWrap>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[0].IsObject() || !info[1].IsFunction())
      throwType(env, "new TdmEngine(options, onEvents): options must be an object and onEvents a function");
    Napi::Object o = info[0].As<Napi::Object>();
    core::EngineConfig cfg;
    cfg.realtimePriority = intProp(env, o, "realtimePriority", 0, 99);
    cfg.cpu = intProp(env, o, "cpu", -1, 1023);
    if (o.Has("eventCapacity") && !o.Get("eventCapacity").IsUndefined()) {
      int32_t cap = intProp(env, o, "eventCapacity", 64, 1 << 20);
      size_t p2 = 64;
      while (p2 < static_cast<size_t>(cap)) p2 <<= 1;
      cfg.eventCapacity = p2;
    }
    notifier_ = std::make_unique<TsfnNotifier>();
    notifier_->tsfn = Tsfn::New(env, info[1].As<Napi::Function>(), "tandem-tdm-engine", 0, 1, this);
    engine_ = std::make_unique<Engine>(cfg, notifier_.get());
    engine_->start();
  }

  ~EngineWrap() override { shutdown(); }

  Engine* engine(Napi::Env env) {
    if (!engine_) throwInvalidState(env, "the TDM engine is closed");
    return engine_.get();
  }

  Span* span(Napi::Env env, const Napi::Value& v) {
    engine(env);
    uint32_t h = static_cast<uint32_t>(intArg(env, v, "span"));
    auto it = spans_.find(h);
    if (it == spans_.end()) throwDomain(env, "ESPAN_UNKNOWN", "no span with handle " + std::to_string(h));
    return it->second;
  }

  void post(Napi::Env env, Command& c) {
    c.id = ++lastId_;
    if (!engine(env)->post(c)) throwDomain(env, "EQUEUE_FULL", "the engine's command queue is full");
  }

  void dispatch(Napi::Env env, Napi::Function cb) {
    if (!engine_) return;
    Napi::Array events = drainEvents(env);
    if (events.Length() > 0) cb.Call({events});
  }

  Napi::Array drainEvents(Napi::Env env) {
    Napi::Array out = Napi::Array::New(env);
    if (!engine_) return out;
    engine_->clearSignal();
    engine_->releaseRetired();
    auto& ring = engine_->events();
    uint32_t i = 0;
    while (Event* e = ring.front()) {
      out.Set(i++, toJs(env, *e));
      ring.pop();
    }
    return out;
  }

 private:
  Napi::Value toJs(Napi::Env env, const Event& e) {
    Napi::Object o = Napi::Object::New(env);
    switch (e.type) {
      case EventType::SpanAligned:
      case EventType::SpanMfAligned:
        o.Set("type", e.type == EventType::SpanAligned ? "aligned" : "mfAligned");
        o.Set("span", e.handle);
        o.Set("aligned", e.a != 0);
        o.Set("afterMs", static_cast<double>(e.b));
        o.Set("bufferMs", static_cast<double>(e.code));
        break;
      case EventType::SpanAlarm:
        o.Set("type", "alarm");
        o.Set("span", e.handle);
        o.Set("alarm", core::alarmName(static_cast<core::Alarm>(e.code & 3)));
        o.Set("raised", e.a != 0);
        break;
      case EventType::SpanCrc4Fallback:
        o.Set("type", "crc4Fallback");
        o.Set("span", e.handle);
        break;
      case EventType::SpanRemoved:
        o.Set("type", "removed");
        o.Set("span", e.handle);
        break;
      case EventType::ChannelFrame:
        o.Set("type", "frame");
        o.Set("channel", e.handle);
        o.Set("data", Napi::Buffer<uint8_t>::Copy(env, e.data, e.len));
        break;
      case EventType::ChannelEvent:
        o.Set("type", "channel");
        o.Set("channel", e.handle);
        o.Set("code", e.code);
        o.Set("a", static_cast<double>(e.a));
        o.Set("b", static_cast<double>(e.b));
        o.Set("data", Napi::Buffer<uint8_t>::Copy(env, e.data, e.len));
        break;
      case EventType::EngineWarning:
        o.Set("type", "warning");
        o.Set("warning", warningName(e.code));
        o.Set("detail", static_cast<double>(e.a));
        break;
      case EventType::CommandFailed:
        o.Set("type", "commandFailed");
        o.Set("id", static_cast<double>(e.a));
        o.Set("code", e.code);
        break;
    }
    return o;
  }

  // addSpan({ name, driver:'virtual', localHost, localPort, remoteHost, remotePort, jitterBufferPackets,
  //           losThresholdMs, crc4, signallingTimeslots, law, pcap, alarmRaiseMs, alarmClearMs }) -> handle
  Napi::Value addSpan(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Engine* eng = engine(env);
    if (info.Length() < 1 || !info[0].IsObject()) throwType(env, "addSpan(config): config must be an object");
    Napi::Object o = info[0].As<Napi::Object>();
    std::string driver = strProp(env, o, "driver");
    std::unique_ptr<drivers::SpanDriver> drv;
    if (driver == "virtual") {
      drivers::SatopConfig dc;
      dc.localHost = strProp(env, o, "localHost");
      dc.localPort = static_cast<uint16_t>(intProp(env, o, "localPort", 0, 65535));
      dc.remoteHost = strProp(env, o, "remoteHost");
      dc.remotePort = static_cast<uint16_t>(intProp(env, o, "remotePort", 1, 65535));
      dc.jitterPackets = intProp(env, o, "jitterBufferPackets", 1, 64);
      dc.losThresholdMs = intProp(env, o, "losThresholdMs", 1, 10000);
      drv = std::make_unique<drivers::SatopDriver>(dc);
    } else if (driver == "loop") {  // in-memory loop to the span named `peer` of this engine
      drivers::LoopConfig dc;
      dc.scope = eng;
      dc.name = strProp(env, o, "name");
      dc.peer = strProp(env, o, "peer");
      dc.losThresholdMs = intProp(env, o, "losThresholdMs", 1, 10000);
      drv = std::make_unique<drivers::LoopDriver>(dc);
#if TANDEM_HAVE_DAHDI
    } else if (driver == "dahdi") {
      drivers::DahdiConfig dc;
      dc.spanNo = intProp(env, o, "dahdiSpan", 1, 128);
      dc.firstChannel = intProp(env, o, "dahdiFirstChannel", 1, 1024);
      dc.crc4 = boolProp(env, o, "crc4");
      drv = std::make_unique<drivers::DahdiDriver>(dc);
#endif
    } else {
      throwDomain(env, "EDRIVER", "span driver \"" + driver + "\" is not available in this build");
    }
    core::SpanParams sp;
    sp.handle = ++lastHandle_;
    sp.crc4 = boolProp(env, o, "crc4");
    sp.alarmRaiseMs = intProp(env, o, "alarmRaiseMs", 1, 100000);
    sp.alarmClearMs = intProp(env, o, "alarmClearMs", 1, 100000);
    std::string law = strProp(env, o, "law");
    if (law != "alaw" && law != "ulaw") throwType(env, "law must be \"alaw\" or \"ulaw\"");
    sp.idleOctet = law == "alaw" ? 0xD5 : 0xFF;
    Napi::Value sig = o.Get("signallingTimeslots");
    if (!sig.IsArray()) throwType(env, "signallingTimeslots must be an array of timeslots");
    Napi::Array sa = sig.As<Napi::Array>();
    sp.signallingMask = 0;
    for (uint32_t i = 0; i < sa.Length(); ++i) {
      int32_t ts = intArg(env, sa.Get(i), "signallingTimeslots[]");
      if (ts < 1 || ts > 31) throwRange(env, "signalling timeslots must be 1..31");
      sp.signallingMask |= 1u << ts;
    }
    Napi::Value pcap = o.Get("pcap");
    if (pcap.IsString()) sp.pcapPath = pcap.As<Napi::String>().Utf8Value();
    else if (!pcap.IsNull() && !pcap.IsUndefined()) throwType(env, "pcap must be a path or null");

    auto s = std::make_unique<Span>(sp, std::move(drv), &eng->eventSink());
    try {
      s->open();
    } catch (const drivers::DriverError& e) {
      throwDomain(env, e.code(), e.what());
    }
    Command c;
    c.type = CommandType::AddSpan;
    c.target = s.get();
    post(env, c);
    Span* raw = s.release();
    spans_[sp.handle] = raw;
    return Napi::Number::New(env, sp.handle);
  }

  Napi::Value removeSpan(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Span* s = span(env, info[0]);
    uint32_t h = s->handle();
    for (auto it = channels_.begin(); it != channels_.end();) {
      if (it->second.span == s) it = channels_.erase(it);  // deleted with the span
      else ++it;
    }
    Command c;
    c.type = CommandType::RemoveSpan;
    c.target = s;
    post(env, c);
    spans_.erase(h);
    return env.Undefined();
  }

  // openChannel(span, ts, kind, options) -> channel handle
  Napi::Value openChannel(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Span* s = span(env, info[0]);
    int32_t ts = intArg(env, info[1], "ts");
    if (ts < 1 || ts > 31) throwRange(env, "ts must be 1..31");
    if (!s->isSignalling(ts)) throwDomain(env, "ETIMESLOT", "timeslot " + std::to_string(ts) + " is not a signalling timeslot of this span");
    if (!info[2].IsString()) throwType(env, "kind must be a string");
    std::string kind = info[2].As<Napi::String>().Utf8Value();
    core::ChannelFactory f = core::findChannelKind(kind);
    if (!f) throwDomain(env, "ECHANNEL_KIND", "no signalling channel kind \"" + kind + "\" in this build");
    for (const auto& [h, ch] : channels_)
      if (ch.span == s && ch.ts == ts) throwDomain(env, "ECHANNEL_BUSY", "timeslot " + std::to_string(ts) + " already has a channel");
    core::ChannelParams p;
    p.handle = ++lastHandle_;
    p.spanHandle = s->handle();
    p.timeslot = ts;
    p.events = &engine(env)->eventSink();
    if (info.Length() > 3 && info[3].IsObject()) {
      Napi::Object opts = info[3].As<Napi::Object>();
      Napi::Array keys = opts.GetPropertyNames();
      for (uint32_t i = 0; i < keys.Length(); ++i) {
        std::string k = keys.Get(i).ToString().Utf8Value();
        Napi::Value v = opts.Get(k);
        if (v.IsNumber()) p.options[k] = v.As<Napi::Number>().DoubleValue();
        else if (v.IsBoolean()) p.options[k] = v.As<Napi::Boolean>().Value() ? 1 : 0;
        else throwType(env, "channel option " + k + " must be a number or boolean");
      }
    }
    std::unique_ptr<SignallingChannel> ch;
    try {
      ch = f(p);
    } catch (const std::invalid_argument& e) {
      throwType(env, e.what());
    }
    Command c;
    c.type = CommandType::AttachChannel;
    c.target = s;
    c.ptr = ch.get();
    c.a = ts;
    post(env, c);
    channels_[p.handle] = ChannelEntry{s, s->handle(), ts, ch.release()};
    return Napi::Number::New(env, p.handle);
  }

  ChannelEntry& channel(Napi::Env env, const Napi::Value& v) {
    engine(env);
    uint32_t h = static_cast<uint32_t>(intArg(env, v, "channel"));
    auto it = channels_.find(h);
    if (it == channels_.end()) throwDomain(env, "ECHANNEL_UNKNOWN", "no channel with handle " + std::to_string(h));
    return it->second;
  }

  Napi::Value closeChannel(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ChannelEntry& ch = channel(env, info[0]);
    Command c;
    c.type = CommandType::DetachChannel;
    c.target = ch.span;
    c.a = ch.ts;
    post(env, c);
    channels_.erase(static_cast<uint32_t>(info[0].As<Napi::Number>().Uint32Value()));
    return env.Undefined();
  }

  static void copyData(Napi::Env env, const Napi::Value& v, Command& c) {
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) throwType(env, "data must be a Uint8Array");
    Napi::Uint8Array a = v.As<Napi::Uint8Array>();
    if (a.ByteLength() > core::kMaxCommandPayload) throwRange(env, "data is longer than " + std::to_string(core::kMaxCommandPayload) + " octets");
    c.len = static_cast<uint16_t>(a.ByteLength());
    if (c.len) std::memcpy(c.data, a.Data(), c.len);
  }

  // channelCommand(channel, code, a, b, data?) -> command id
  Napi::Value channelCommand(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ChannelEntry& ch = channel(env, info[0]);
    Command c;
    c.type = CommandType::ChannelCommand;
    c.target = ch.channel;
    c.code = static_cast<uint32_t>(intArg(env, info[1], "code"));
    c.a = info.Length() > 2 && info[2].IsNumber() ? info[2].As<Napi::Number>().Int64Value() : 0;
    c.b = info.Length() > 3 && info[3].IsNumber() ? info[3].As<Napi::Number>().Int64Value() : 0;
    if (info.Length() > 4 && !info[4].IsUndefined()) copyData(env, info[4], c);
    post(env, c);
    return Napi::Number::New(env, c.id);
  }

  // sendFrame(channel, data) -> command id ("hdlc" channels)
  Napi::Value sendFrame(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ChannelEntry& ch = channel(env, info[0]);
    Command c;
    c.type = CommandType::ChannelCommand;
    c.target = ch.channel;
    c.code = core::RawHdlcChannelSend;
    copyData(env, info[1], c);
    if (c.len == 0) throwRange(env, "an HDLC frame needs at least one octet");
    post(env, c);
    return Napi::Number::New(env, c.id);
  }

  Napi::Value spanCommand(const Napi::CallbackInfo& info, CommandType type, int64_t a) {
    Napi::Env env = info.Env();
    Command c;
    c.type = type;
    c.target = span(env, info[0]);
    c.a = a;
    post(env, c);
    return env.Undefined();
  }
  Napi::Value setBert(const Napi::CallbackInfo& info) {
    if (info.Length() < 2 || !info[1].IsBoolean()) throwType(info.Env(), "setBert(span, on): on must be a boolean");
    return spanCommand(info, CommandType::SpanBert, info[1].As<Napi::Boolean>().Value() ? 1 : 0);
  }
  Napi::Value setTxEnabled(const Napi::CallbackInfo& info) {
    if (info.Length() < 2 || !info[1].IsBoolean()) throwType(info.Env(), "setTxEnabled(span, on): on must be a boolean");
    return spanCommand(info, CommandType::SpanTxEnable, info[1].As<Napi::Boolean>().Value() ? 1 : 0);
  }
  Napi::Value injectErrors(const Napi::CallbackInfo& info) {
    int32_t n = intArg(info.Env(), info.Length() > 1 ? info[1] : info.Env().Undefined(), "bits");
    if (n < 1 || n > 1000000) throwRange(info.Env(), "bits must be 1..1000000");
    return spanCommand(info, CommandType::SpanInjectErrors, n);
  }

  Napi::Value spanStatus(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Span* s = span(env, info[0]);
    const auto& n = s->snapshot();
    const auto r = std::memory_order_relaxed;
    Napi::Object o = Napi::Object::New(env);
    auto num = [&](const char* k, double v) { o.Set(k, Napi::Number::New(env, v)); };
    auto flag = [&](const char* k, bool v) { o.Set(k, Napi::Boolean::New(env, v)); };
    num("ticks", static_cast<double>(n.ticks.load(r)));
    flag("frameAligned", n.frameAligned.load(r));
    flag("mfAligned", n.mfAligned.load(r));
    flag("crc4Active", n.crc4Active.load(r));
    Napi::Object def = Napi::Object::New(env);
    def.Set("LOS", n.defLos.load(r));
    def.Set("LOF", n.defLof.load(r));
    def.Set("AIS", n.defAis.load(r));
    def.Set("RAI", n.defRai.load(r));
    o.Set("defects", def);
    Napi::Object al = Napi::Object::New(env);
    uint32_t mask = n.alarms.load(r);
    for (int i = 0; i < core::kAlarmCount; ++i) al.Set(core::alarmName(static_cast<core::Alarm>(i)), Napi::Boolean::New(env, (mask >> i) & 1u));
    o.Set("alarms", al);
    flag("raiSent", n.raiSent.load(r));
    num("alignedAfterMs", static_cast<double>(n.alignedAfterTicks.load(r)));
    num("mfAlignedAfterMs", static_cast<double>(n.mfAlignedAfterTicks.load(r)));
    num("alignBufferMs", static_cast<double>(n.bufferTicks.load(r)));
    Napi::Object c = Napi::Object::New(env);
    auto cnt = [&](const char* k, uint64_t v) { c.Set(k, Napi::Number::New(env, static_cast<double>(v))); };
    cnt("framer.frames", n.frames.load(r));
    cnt("framer.crcErrors", n.crcErrors.load(r));
    cnt("framer.febe", n.febe.load(r));
    cnt("framer.fasErrors", n.fasErrors.load(r));
    cnt("framer.slips", n.slips.load(r));
    cnt("framer.realignments", n.realignments.load(r));
    cnt("framer.injectedBitErrors", n.injected.load(r));
    cnt("line.fillTicks", n.underrunTicks.load(r));
    const drivers::DriverCounters& d = s->driver().counters();
    cnt("driver.txBlocks", d.txBlocks.load(r));
    cnt("driver.rxBlocks", d.rxBlocks.load(r));
    cnt("driver.playedOut", d.playedOut.load(r));
    cnt("driver.underruns", d.underruns.load(r));
    cnt("driver.lost", d.lost.load(r));
    cnt("driver.late", d.late.load(r));
    cnt("driver.duplicate", d.duplicate.load(r));
    cnt("driver.reordered", d.reordered.load(r));
    cnt("driver.overruns", d.overruns.load(r));
    cnt("driver.malformed", d.malformed.load(r));
    cnt("driver.wrongSource", d.wrongSource.load(r));
    cnt("driver.resyncs", d.resyncs.load(r));
    cnt("driver.txErrors", d.txErrors.load(r));
    cnt("driver.losEvents", d.losEvents.load(r));
    cnt("pcap.written", n.pcapWritten.load(r));
    cnt("pcap.dropped", n.pcapDropped.load(r));
    o.Set("counters", c);
    Napi::Object b = Napi::Object::New(env);
    b.Set("on", n.bert.load(r));
    b.Set("synced", n.bertSynced.load(r));
    b.Set("bits", static_cast<double>(n.bertBits.load(r)));
    b.Set("bitErrors", static_cast<double>(n.bertErrors.load(r)));
    b.Set("syncLosses", static_cast<double>(n.bertSyncLosses.load(r)));
    o.Set("bert", b);
    flag("los", s->driver().los());
    return o;
  }

  Napi::Value channelCounters(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ChannelEntry& ch = channel(env, info[0]);
    Napi::Object o = Napi::Object::New(env);
    const core::HdlcSnapshot& h = ch.span->hdlcSnapshot(ch.ts);
    const auto r = std::memory_order_relaxed;
    auto cnt = [&](const char* k, uint64_t v) { o.Set(k, Napi::Number::New(env, static_cast<double>(v))); };
    cnt("hdlcRx.frames", h.frames.load(r));
    cnt("hdlcRx.fcsErrors", h.fcsErrors.load(r));
    cnt("hdlcRx.aborts", h.aborts.load(r));
    cnt("hdlcRx.nonOctet", h.nonOctet.load(r));
    cnt("hdlcRx.oversize", h.oversize.load(r));
    cnt("hdlcRx.tooShort", h.tooShort.load(r));
    cnt("hdlcTx.frames", h.txFrames.load(r));
    ChannelCounter buf[64];
    size_t n = ch.channel->readCounters(buf, 64);
    for (size_t i = 0; i < n; ++i) cnt(buf[i].name, buf[i].value);
    return o;
  }

  Napi::Value stats(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Engine* e = engine(env);
    const core::TickStats& t = e->tickStats();
    Napi::Object o = Napi::Object::New(env);
    auto num = [&](const char* k, double v) { o.Set(k, Napi::Number::New(env, v)); };
    num("ticks", static_cast<double>(e->ticks()));
    num("ticksSkipped", static_cast<double>(e->ticksSkipped()));
    num("samples", static_cast<double>(t.count()));
    num("lateP50Us", static_cast<double>(t.percentileUs(0.5)));
    num("lateP99Us", static_cast<double>(t.percentileUs(0.99)));
    num("lateMaxUs", static_cast<double>(t.maxUs()));
    num("workMaxUs", static_cast<double>(e->tickWorkMaxUs()));
    num("threadCpuUs", static_cast<double>(e->threadCpuUs()));
    num("eventsDropped", static_cast<double>(e->eventsDropped()));
    num("commandsApplied", static_cast<double>(e->commandsApplied()));
    num("spans", static_cast<double>(spans_.size()));
    return o;
  }

  Napi::Value resetStats(const Napi::CallbackInfo& info) {
    Command c;
    c.type = CommandType::ResetStats;
    post(info.Env(), c);
    return info.Env().Undefined();
  }

  Napi::Value drain(const Napi::CallbackInfo& info) {
    engine(info.Env());
    return drainEvents(info.Env());
  }

  Napi::Value close(const Napi::CallbackInfo& info) {
    shutdown();
    return info.Env().Undefined();
  }

  Napi::Value closed(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), !engine_); }

  // Stop the RT thread, then free everything it owned (drivers and pcap files closed), then let the
  // event loop go. Idempotent.
  void shutdown() {
    if (!engine_) return;
    engine_->stop();
    engine_.reset();
    spans_.clear();
    channels_.clear();
    notifier_->tsfn.Release();
  }

  std::unique_ptr<TsfnNotifier> notifier_;
  std::unique_ptr<Engine> engine_;
  std::map<uint32_t, Span*> spans_;
  std::map<uint32_t, ChannelEntry> channels_;
  uint32_t lastHandle_ = 0;
  uint32_t lastId_ = 0;

  friend core::Engine* tandem::unwrapEngine(Napi::Env, Napi::Value);
  friend void tandem::attachBearer(Napi::Env, Napi::Value, uint32_t, int, core::BearerConsumer*);
  friend void tandem::detachBearer(Napi::Env, Napi::Value, uint32_t, int, void (*)(void*), void*);
};

void callJs(Napi::Env env, Napi::Function cb, EngineWrap* ctx, void*) {
  if (env == nullptr || ctx == nullptr) return;
  ctx->dispatch(env, cb);
}

Napi::FunctionReference* engineCtor = nullptr;

void InitEngineExports(Napi::Env env, Napi::Object exports) {
  Napi::Function ctor = EngineWrap::define(env);
  exports.Set("TdmEngine", ctor);
  Napi::Array kinds = Napi::Array::New(env);
  exports.Set("engineConstants", [&] {
    Napi::Object c = Napi::Object::New(env);
    c.Set("maxCommandPayload", static_cast<double>(core::kMaxCommandPayload));
    c.Set("maxEventPayload", static_cast<double>(core::kMaxEventPayload));
    c.Set("maxSpans", static_cast<double>(Engine::kMaxSpans));
    return c;
  }());
  (void)kinds;
  engineCtor = new Napi::FunctionReference(Napi::Persistent(ctor));
}

EngineWrap* unwrap(Napi::Env env, Napi::Value v) {
  if (!v.IsObject() || engineCtor == nullptr || !v.As<Napi::Object>().InstanceOf(engineCtor->Value()))
    throwType(env, "expected a TdmEngine");
  return Napi::ObjectWrap<EngineWrap>::Unwrap(v.As<Napi::Object>());
}

}  // namespace

core::Engine* unwrapEngine(Napi::Env env, Napi::Value v) { return unwrap(env, v)->engine(env); }

void attachBearer(Napi::Env env, Napi::Value engine, uint32_t spanHandle, int ts, core::BearerConsumer* consumer) {
  EngineWrap* w = unwrap(env, engine);
  Span* s = w->span(env, Napi::Number::New(env, spanHandle));
  if (!s->isBearer(ts)) throwDomain(env, "ETIMESLOT", "timeslot " + std::to_string(ts) + " is not a bearer timeslot");
  Command c;
  c.type = CommandType::AttachBearer;
  c.target = s;
  c.ptr = consumer;
  c.a = ts;
  w->post(env, c);
}

void detachBearer(Napi::Env env, Napi::Value engine, uint32_t spanHandle, int ts, void (*release)(void*), void* ctx) {
  EngineWrap* w = unwrap(env, engine);
  Span* s = w->span(env, Napi::Number::New(env, spanHandle));
  Command c;
  c.type = CommandType::DetachBearer;
  c.target = s;
  c.a = ts;
  c.fn = release;
  c.ptr = ctx;
  w->post(env, c);
}

TANDEM_REGISTER_EXPORTS("engine", InitEngineExports);

}  // namespace tandem
