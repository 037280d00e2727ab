import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { apiRoutes } from '@contract/api.ts';
import type { KeyAnnotationEntry, KeyAnnotationInput, KeyAnnotationList } from '@contract/key-annotation.ts';
import { callApi } from '../../../lib/api-client.ts';

/** Owner, purpose and tags by key id. */
export type KeyAnnotationsById = ReadonlyMap<string, KeyAnnotationEntry>;
const NONE: KeyAnnotationsById = new Map();

/**
 * `runStamp` changes with each audit run shown: annotations are read again then (the demo writes its own once its
 * first run is read; the CLI may have written some since).
 */
const queryKey = (runStamp: string) => ['key-annotations', runStamp] as const;

export function useKeyAnnotations(runStamp: string): KeyAnnotationsById {
  const query = useQuery({
    queryKey: queryKey(runStamp),
    queryFn: () => callApi(apiRoutes.listKeyAnnotations),
    select: (list: KeyAnnotationList) => new Map(list.annotations.map((entry) => [entry.keyId, entry])),
    staleTime: Infinity,
    retry: false,
  });
  // Without them (locked, an error) the keys still show: annotations only add to a row.
  return query.data ?? NONE;
}

/** Saves one key's annotation and puts the answer into every cached list, so the table follows at once. */
export function useSetKeyAnnotation(keyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: KeyAnnotationInput) => callApi(apiRoutes.setKeyAnnotation, { params: { keyId }, body }),
    onSuccess: (answer) => {
      queryClient.setQueriesData<KeyAnnotationList>({ queryKey: ['key-annotations'] }, (list) =>
        list && { annotations: [...list.annotations.filter((entry) => entry.keyId !== keyId), ...answer.annotations] },
      );
    },
  });
}

/** Set by the key browser; read where a key is shown, so the rows need no extra prop. */
export const KeyAnnotationsContext = createContext<KeyAnnotationsById>(NONE);

export function useKeyAnnotation(keyId: string): KeyAnnotationEntry | null {
  return useContext(KeyAnnotationsContext).get(keyId) ?? null;
}
