/** The parts of a synthesized CloudFormation template that the local stack reads. */
export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
  Parameters?: Record<string, { Type: string; Default?: unknown }>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Outputs?: Record<string, unknown>;
}

/** One resource, properties still holding intrinsics. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
}

/** A template resource together with its logical id. */
export interface NamedResource extends CfnResource {
  logicalId: string;
}
