/**
 * How a prompt is laid out as raw text for log-probability scoring (`LlmClient.score` takes the
 * model's raw text, no chat template added): Eq. 3's reward accuracy and the reward filter's
 * generic reward (Appendix B.2) score a response after the prompt in the model's chat layout.
 */
import type { ScoreFormat } from './study';

/** A prompt laid out as the model's chat template would, ending where the assistant's reply starts. */
export function formatForScoring(prompt: string, format: ScoreFormat): string {
  switch (format) {
    case 'chatml':
      return `<|im_start|>user\n${prompt}<|im_end|>\n<|im_start|>assistant\n`;
    case 'zephyr':
      return `<|user|>\n${prompt}</s>\n<|assistant|>\n`;
    case 'llama3':
      return `<|start_header_id|>user<|end_header_id|>\n\n${prompt}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`;
    default:
      return `### Instruction:\n${prompt}\n\n### Response:\n`;
  }
}
