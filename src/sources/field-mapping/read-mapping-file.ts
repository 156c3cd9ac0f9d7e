/**
 * Reads a mapping file (`--mapping <file>`) from disk: the one place with I/O in this
 * folder, so the mapper and the parser stay pure for the readers, the build and
 * `sources:check`. JSON is UTF-8 (RFC 8259); a file saved in GBK by a Chinese editor
 * is refused with that fix rather than its names silently matching nothing.
 */
import { readFile } from 'node:fs/promises';
import { describeReadError } from '../../core/file-read-error.ts';
import { failure, type Result } from '../../core/result.ts';
import { parseFieldMapping, type FieldMappingFile, type MappingProblem } from './mapping-file.ts';

export async function readFieldMappingFile(path: string): Promise<Result<FieldMappingFile, MappingProblem>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return failure([{ file: path, path: '$', reason: 'unreadable', message: describeReadError(path, error, { zh: '字段映射文件', en: 'field mapping file' }) }]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failure([{ file: path, path: '$', reason: 'not-utf-8', message: `${path}: 字段映射文件不是 UTF-8 编码 / the field mapping file is not UTF-8`, fix: '以 UTF-8 编码保存（JSON 规定为 UTF-8）/ save it as UTF-8 (JSON is UTF-8 by definition)' }]);
  }
  return parseFieldMapping(text, path);
}
