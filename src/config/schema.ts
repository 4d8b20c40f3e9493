/** The schema of `qingdan.config.yaml`. */
import { kindDefinitionSchema, type JsonSchemaObject } from '../kinds/index.js';

const dateSchema = { type: 'string', format: 'date' };
const severitySchema = { enum: ['off', 'info', 'warning', 'error'] };

/**
 * One rule's setting: a severity, or `{ severity, options }`. If/then/else
 * rather than anyOf, so that ajv reports what is wrong with the form written
 * (`warn` is no severity) instead of also that it is not the other form.
 * Which rules exist and what options each takes is not here: that is the
 * rules' own `meta` (src/config/rules.ts), and compiling every rule's options
 * into this schema would make every run compile them.
 */
const ruleSettingSchema = {
  if: { type: 'string' },
  then: severitySchema,
  else: {
    type: 'object',
    additionalProperties: false,
    properties: { severity: severitySchema, options: { type: 'object' } },
  },
};

export const configSchema: JsonSchemaObject = {
  $id: 'urn:qingdan:schema:config',
  title: 'qingdan 配置',
  type: 'object',
  additionalProperties: false,
  properties: {
    edition: {
      title: '版本信息',
      type: 'object',
      additionalProperties: false,
      properties: {
        jurisdiction: { title: '行政区划', type: 'string' },
        issuer: { title: '发布机构', type: 'string' },
        title: { title: '标题', type: 'string' },
        edition: { title: '版次', type: 'string' },
        sample: { title: '示例版', description: '未经确认的示例版本：发布物上标注“示例”。', type: 'boolean' },
        date: { title: '版本日期', description: '检查法规效力、生成文件时间戳所用的日期。', ...dateSchema },
        written: { title: '成文日期', ...dateSchema },
        published: { title: '发布日期', ...dateSchema },
        index_number: { title: '索引号', type: 'string' },
        doc_number: { title: '文号', type: 'string' },
        validity: { title: '有效性', type: 'string' },
        notes: { title: '备注', type: 'array', items: { type: 'string' } },
      },
    },
    attachments: {
      title: '附件序号',
      type: 'object',
      additionalProperties: { type: 'integer', minimum: 1 },
    },
    codes: {
      title: '编码规则',
      description: '各清单编码的正则表达式，覆盖国家默认规则。',
      type: 'object',
      additionalProperties: { type: 'string', format: 'regex' },
    },
    kinds: { title: '自定义清单种类', type: 'array', items: kindDefinitionSchema },
    rules: {
      title: '规则级别',
      description: '按规则编号：级别（off、info、warning、error），或 { severity, options }。规则编号与各规则的选项另行检查（src/config/rules.ts）。',
      type: 'object',
      additionalProperties: ruleSettingSchema,
    },
    credit_grades: {
      title: '信用等级',
      description: '从信用最好到最差。',
      type: 'array',
      items: { type: 'string' },
      minItems: 2,
    },
    key_supervision_cap: { title: '重点监管事项数量上限', type: 'integer', minimum: 1 },
    traceability_fields: { title: '需要追溯的重点领域', type: 'array', items: { type: 'string' } },
    fonts: {
      title: '字体',
      type: 'object',
      additionalProperties: false,
      properties: {
        title: { type: 'string' },
        header: { type: 'string' },
        body: { type: 'string' },
      },
    },
    import: {
      title: '导入列映射',
      description: '按清单种类，把表头映射到字段。',
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
    },
    limits: {
      title: '限制',
      type: 'object',
      additionalProperties: false,
      properties: {
        max_file_bytes: { type: 'integer', minimum: 1 },
        max_entries: { type: 'integer', minimum: 1 },
        max_depth: { type: 'integer', minimum: 1 },
        max_aliases: { type: 'integer', minimum: 0 },
        max_value_length: { type: 'integer', minimum: 1 },
      },
    },
  },
};
