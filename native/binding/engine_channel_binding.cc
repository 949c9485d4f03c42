// TdmEngine signalling channel commands (export group "engine", see engine_wrap.h): open and close a
// channel on a signalling timeslot, channel commands, HDLC frames to send, and the channel's counters.
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "binding/engine_wrap.h"
#include "core/raw_hdlc_channel.h"

namespace tandem::engine_binding {

// openChannel(span, ts, kind, options) -> channel handle
Napi::Value EngineWrap::openChannel(const Napi::CallbackInfo& info) {
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

ChannelEntry& EngineWrap::channel(Napi::Env env, const Napi::Value& v) {
  engine(env);
  uint32_t h = static_cast<uint32_t>(intArg(env, v, "channel"));
  auto it = channels_.find(h);
  if (it == channels_.end()) throwDomain(env, "ECHANNEL_UNKNOWN", "no channel with handle " + std::to_string(h));
  return it->second;
}

Napi::Value EngineWrap::closeChannel(const Napi::CallbackInfo& info) {
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

void EngineWrap::copyData(Napi::Env env, const Napi::Value& v, Command& c) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) throwType(env, "data must be a Uint8Array");
  Napi::Uint8Array a = v.As<Napi::Uint8Array>();
  if (a.ByteLength() > core::kMaxCommandPayload) throwRange(env, "data is longer than " + std::to_string(core::kMaxCommandPayload) + " octets");
  c.len = static_cast<uint16_t>(a.ByteLength());
  if (c.len) std::memcpy(c.data, a.Data(), c.len);
}

// channelCommand(channel, code, a, b, data?) -> command id
Napi::Value EngineWrap::channelCommand(const Napi::CallbackInfo& info) {
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
Napi::Value EngineWrap::sendFrame(const Napi::CallbackInfo& info) {
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

Napi::Value EngineWrap::channelCounters(const Napi::CallbackInfo& info) {
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

}  // namespace tandem::engine_binding
