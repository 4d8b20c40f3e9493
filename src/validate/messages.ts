import { registerMessages } from '../core/messages.js';

registerMessages('schema', {
  required: { zh: '缺少必填字段“{field}”（{key}）。', en: 'Required field "{key}" ({field}) is missing.' },
  'unknown-field': {
    zh: '“{key}”不是{kind}的字段{suggestion}。可用字段：{fields}。',
    en: '"{key}" is not a field of {kind}{suggestion}. Known fields: {fields}.',
  },
  enum: { zh: '“{field}”的值“{value}”不在可选范围内。可选值：{allowed}。', en: '{field}: "{value}" is not one of the allowed values: {allowed}.' },
  const: { zh: '“{field}”的值应为 {allowed}。', en: '{field} must be {allowed}.' },
  type: { zh: '“{field}”应为{expected}，这里是{actual}。{hint}', en: '{field} must be {expected}; this is {actual}.{hint}' },
  pattern: { zh: '“{field}”的值“{value}”格式不符（应匹配 {pattern}）。', en: '{field}: "{value}" does not match the expected format {pattern}.' },
  format: { zh: '“{field}”的值“{value}”不是有效的{format}。', en: '{field}: "{value}" is not a valid {format}.' },
  'min-length': { zh: '“{field}”不能少于 {limit} 个字符。', en: '{field} must have at least {limit} characters.' },
  'min-items': { zh: '“{field}”至少需要 {limit} 项。', en: '{field} needs at least {limit} item(s).' },
  'unique-items': { zh: '“{field}”中有重复项（第 {i} 项与第 {j} 项相同）。', en: '{field} has duplicate items (items {i} and {j} are equal).' },
  range: { zh: '“{field}”的值 {value} 应{comparison} {limit}。', en: '{field}: {value} must be {comparison} {limit}.' },
  other: { zh: '“{field}”：{detail}', en: '{field}: {detail}' },
});

registerMessages('citation', {
  'unclosed-title': { zh: '法规名称缺少右书名号“》”：{text}', en: 'Law title is missing its closing "》": {text}' },
  'empty-title': { zh: '书名号“《》”中没有法规名称。', en: 'Empty title "《》".' },
  'no-law': { zh: '“{text}”前没有法规名称，无法判断引用的是哪部法规。请在前面写明《法规名称》。', en: '"{text}" is not preceded by a law title; write 《title》 before it.' },
  'bad-numeral': { zh: '无法识别的条款序号“{text}”。', en: 'Unrecognised article number "{text}".' },
  'dangling-reference': { zh: '“{text}”后缺少“条”“款”或“项”。', en: '"{text}" is not followed by 条, 款 or 项.' },
  'no-citation': { zh: '“{field}”中没有可识别的法律依据（应为《法规名称》第X条…）。', en: '{field} holds no recognisable legal citation (expected 《title》第X条…).' },
});
