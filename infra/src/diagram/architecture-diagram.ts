import { leadingReference, referencesIn, resourcesOfType, type TerraformBlock, type TerraformJson } from '@shop/shared-util-terraform-json';

/** A value that starts with a `${type.name.attribute}` reference, taken apart; `undefined` for anything else. */
function reference(value: unknown): { type: string; name: string; attribute: string; rest: string } | undefined {
  const found = leadingReference(value);
  return found && { type: found.reference.type, name: found.reference.name, attribute: found.reference.attribute, rest: found.rest };
}

type NewImagePattern = Record<string, Record<string, Array<{ 'anything-but'?: unknown[]; exists?: boolean }>>>;

/** A filter pattern in a few words: its event names, and its NewImage conditions (`lastChange ≠ x`, `no lastChange`). */
function describeFilter(filter: { pattern?: string }): { eventNames: string; conditions: string[] } {
  const pattern = JSON.parse(filter.pattern ?? '{}') as { eventName?: string[]; dynamodb?: { NewImage?: NewImagePattern } };
  const conditions = Object.entries(pattern.dynamodb?.NewImage ?? {}).flatMap(([attribute, typed]) =>
    Object.values(typed).flat().map((rule) => {
      if (rule['anything-but']) return `${attribute} ≠ ${rule['anything-but'].join(', ')}`;
      if (rule.exists === false) return `no ${attribute}`;
      return `${attribute} filtered`;
    }),
  );
  return { eventNames: pattern.eventName?.join(', ') ?? 'filtered', conditions };
}

/** The resources of one type sorted by name, so the diagram does not change with the synth's order. */
const blocksOfType = (json: TerraformJson, type: string): TerraformBlock[] => resourcesOfType(json, type).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const label = (text: string): string => `"${text.replaceAll('"', '#quot;')}"`;
const str = (block: TerraformBlock, key: string): string => String(block.config[key] ?? '');

interface Permission {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** The statements of a role policy: a `data.aws_iam_policy_document` reference or a JSON document. */
function permissions(json: TerraformJson, policy: unknown): Permission[] {
  const document = reference(policy);
  if (document?.type === 'aws_iam_policy_document') {
    const statements = (json.data?.['aws_iam_policy_document']?.[document.name]?.['statement'] ?? []) as Array<Record<string, unknown>>;
    return statements
      .filter((statement) => (statement['effect'] ?? 'Allow') === 'Allow')
      .map((statement) => ({ actions: (statement['actions'] ?? []) as string[], resources: (statement['resources'] ?? []) as string[] }));
  }
  const parsed = JSON.parse(String(policy)) as { Statement: Array<{ Effect: string; Action: string | string[]; Resource: string | string[] }> };
  return [parsed.Statement]
    .flat()
    .filter((statement) => statement.Effect === 'Allow')
    .map((statement) => ({ actions: [statement.Action].flat(), resources: [statement.Resource].flat() }));
}

/** What a policy resource points at, as a node of the diagram (and a note such as the index name). */
function target(resource: string): { node: string; note?: string } | undefined {
  const ref = reference(resource);
  if (ref?.type === 'aws_dynamodb_table' && ref.attribute === 'stream_arn') return { node: `stream_${ref.name}` };
  if (ref?.type === 'aws_dynamodb_table' && ref.attribute === 'arn') {
    const index = /^\/index\/(.+)$/.exec(ref.rest)?.[1];
    return index ? { node: `table_${ref.name}`, note: `index ${index}` } : ref.rest === '' ? { node: `table_${ref.name}` } : undefined;
  }
  if (ref?.type === 'aws_sqs_queue' && ref.attribute === 'arn') return { node: `queue_${ref.name}` };
  return undefined;
}

/** A JWT authorizer and the issuer it trusts: the stage's Cognito user pool (with its clients) or an OIDC issuer. */
function authorizerLines(json: TerraformJson, authorizer: TerraformBlock, lines: string[], edges: string[], api: string): void {
  const sources = ((authorizer.config['identity_sources'] ?? []) as string[]).join(', ');
  lines.push(`  authorizer_${authorizer.name}{{${label(`${str(authorizer, 'authorizer_type')} authorizer ${str(authorizer, 'name')}<br/>token from ${sources}`)}}}`);
  edges.push(`  ${api} -- ${label('every route: token + its scope')} --> authorizer_${authorizer.name}`);
  const issuer = String((authorizer.config['jwt_configuration'] as { issuer?: string } | undefined)?.issuer ?? '');
  const pool = referencesIn(issuer).find((ref) => ref.type === 'aws_cognito_user_pool' && ref.attribute === 'id')?.name;
  if (pool) {
    const block = blocksOfType(json, 'aws_cognito_user_pool').find((p) => p.name === pool);
    const servers = blocksOfType(json, 'aws_cognito_resource_server').filter((r) => reference(r.config['user_pool_id'])?.name === pool);
    const scopes = servers.flatMap((server) => ((server.config['scope'] ?? []) as Array<{ scope_name?: string }>).map((scope) => `${str(server, 'identifier')}/${scope.scope_name ?? ''}`));
    const clients = blocksOfType(json, 'aws_cognito_user_pool_client')
      .filter((c) => reference(c.config['user_pool_id'])?.name === pool)
      .map((c) => `${str(c, 'name')} (${((c.config['allowed_oauth_flows'] ?? []) as string[]).join(', ')})`);
    lines.push(`  idp_${pool}[/${label(`Cognito user pool ${block ? str(block, 'name') : pool}<br/>scopes ${scopes.join(' ')}<br/>clients ${clients.join(', ')}`)}/]`);
    edges.push(`  authorizer_${authorizer.name} -- issuer --> idp_${pool}`);
  } else {
    lines.push(`  idp_${authorizer.name}[/${label(`OIDC issuer ${issuer}`)}/]`);
    edges.push(`  authorizer_${authorizer.name} -- issuer --> idp_${authorizer.name}`);
  }
}

/**
 * Renders the architecture of one synthesized stack as a Mermaid flowchart: the API, its routes with
 * their scopes, its JWT authorizer and the token issuer, the functions and their roles, what each
 * role may do on which table, stream and queue, and the stream mapping with its on-failure
 * destination. Everything comes from the synth; the output is
 * sorted, so the same synth always gives the same text.
 *
 * @example
 * ```ts
 * const mermaid = renderArchitectureDiagram(readTerraformJson('infra/cdktf.out/stacks/shop-dev/cdk.tf.json'));
 * ```
 */
export function renderArchitectureDiagram(json: TerraformJson): string {
  const lines = ['flowchart LR', '  client([HTTP client])'];
  const edges: string[] = [];

  for (const api of blocksOfType(json, 'aws_apigatewayv2_api')) {
    const stage = blocksOfType(json, 'aws_apigatewayv2_stage').find((s) => reference(s.config['api_id'])?.name === api.name);
    lines.push(`  subgraph api_${api.name}[${label(`HTTP API ${str(api, 'name')}${stage ? ` · stage ${str(stage, 'name')}` : ''}`)}]`);
    const routes = blocksOfType(json, 'aws_apigatewayv2_route').filter((route) => reference(route.config['api_id'])?.name === api.name);
    for (const route of routes.sort((a, b) => str(a, 'route_key').localeCompare(str(b, 'route_key')))) {
      const scopes = ((route.config['authorization_scopes'] ?? []) as string[]).join(' ');
      lines.push(`    route_${route.name}[${label(`${str(route, 'route_key')}${scopes ? `<br/>${scopes}` : ''}`)}]`);
    }
    lines.push('  end');
    edges.push(`  client --> api_${api.name}`);
    for (const authorizer of blocksOfType(json, 'aws_apigatewayv2_authorizer').filter((a) => reference(a.config['api_id'])?.name === api.name)) {
      authorizerLines(json, authorizer, lines, edges, `api_${api.name}`);
    }
    const integrations = new Set(routes.map((route) => referencesIn(str(route, 'target')).find((ref) => ref.type === 'aws_apigatewayv2_integration')?.name));
    for (const integration of blocksOfType(json, 'aws_apigatewayv2_integration').filter((i) => integrations.has(i.name))) {
      const fn = reference(integration.config['integration_uri']);
      if (fn?.type === 'aws_lambda_function') {
        edges.push(`  api_${api.name} -- ${label(`${str(integration, 'integration_type')} · payload ${str(integration, 'payload_format_version')}`)} --> fn_${fn.name}`);
      }
    }
  }

  for (const fn of blocksOfType(json, 'aws_lambda_function')) {
    const architectures = (fn.config['architectures'] ?? []) as string[];
    lines.push(`  fn_${fn.name}[[${label(`λ ${str(fn, 'function_name')}<br/>${str(fn, 'runtime')} ${architectures.join(' ')}`)}]]`);
    const role = reference(fn.config['role']);
    if (role?.type === 'aws_iam_role') edges.push(`  fn_${fn.name} -. assumes .-> role_${role.name}`);
  }

  for (const role of blocksOfType(json, 'aws_iam_role')) {
    lines.push(`  role_${role.name}{{${label(`role ${str(role, 'name')}`)}}}`);
    const grants = new Map<string, string[]>();
    for (const policy of blocksOfType(json, 'aws_iam_role_policy').filter((p) => reference(p.config['role'])?.name === role.name)) {
      for (const { actions, resources } of permissions(json, policy.config['policy'])) {
        for (const resource of resources) {
          const to = target(resource);
          if (!to) continue;
          const key = `${to.node}|${to.note ?? ''}`;
          grants.set(key, [...(grants.get(key) ?? []), ...actions.map((action) => action.replace(/^[a-z0-9-]+:/, ''))]);
        }
      }
    }
    for (const [key, actions] of [...grants.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const [node, note] = key.split('|');
      edges.push(`  role_${role.name} -- ${label(`${actions.join(', ')}${note ? ` (${note})` : ''}`)} --> ${node}`);
    }
  }

  for (const table of blocksOfType(json, 'aws_dynamodb_table')) {
    const indexes = ((table.config['global_secondary_index'] ?? []) as Array<Record<string, unknown>>).map(
      (index) => `<br/>index ${String(index['name'])}: ${String(index['hash_key'])}${index['range_key'] ? ` + ${String(index['range_key'])}` : ''}`,
    );
    lines.push(`  table_${table.name}[(${label(`${str(table, 'name')}<br/>key ${str(table, 'hash_key')}${indexes.join('')}`)})]`);
    if (table.config['stream_enabled'] === true) {
      lines.push(`  stream_${table.name}>${label(`stream ${str(table, 'stream_view_type')}`)}]`);
      edges.push(`  table_${table.name} --> stream_${table.name}`);
    }
  }

  for (const queue of blocksOfType(json, 'aws_sqs_queue')) {
    lines.push(`  queue_${queue.name}[/${label(`SQS ${str(queue, 'name')}`)}/]`);
  }

  for (const mapping of blocksOfType(json, 'aws_lambda_event_source_mapping')) {
    const filters = ((mapping.config['filter_criteria'] as { filter?: Array<{ pattern?: string }> } | undefined)?.filter ?? []).map(describeFilter);
    const eventNames = [...new Set(filters.map((filter) => filter.eventNames))];
    const conditions = filters.flatMap((filter) => filter.conditions);
    const settings = [`batch ${str(mapping, 'batch_size')}`, str(mapping, 'starting_position'), ...eventNames, ...(conditions.length ? [conditions.join(' or ')] : [])].join(' · ');
    lines.push(`  esm_${mapping.name}{{${label(`event source mapping<br/>${settings}`)}}}`);
    const source = target(str(mapping, 'event_source_arn'));
    if (source) edges.push(`  ${source.node} --> esm_${mapping.name}`);
    const fn = reference(mapping.config['function_name']);
    if (fn?.type === 'aws_lambda_function') edges.push(`  esm_${mapping.name} --> fn_${fn.name}`);
    const onFailure = (mapping.config['destination_config'] as { on_failure?: { destination_arn?: string } } | undefined)?.on_failure?.destination_arn;
    const destination = onFailure ? target(onFailure) : undefined;
    if (destination) edges.push(`  esm_${mapping.name} -- on failure --> ${destination.node}`);
  }

  return [...lines, ...edges].join('\n');
}
